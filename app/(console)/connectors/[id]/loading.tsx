import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading connector" />
      <Skeleton className="mb-3 h-4 w-24" />
      <PageHeaderSkeleton withAction />
      <div className="grid gap-6">
        <TableSkeleton rows={3} columns={6} />
        <div className="grid gap-6 lg:grid-cols-2">
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      </div>
    </div>
  );
}
