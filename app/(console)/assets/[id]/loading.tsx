import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

/** Asset skeleton: header, attributes and risk cards, then sources and findings. */
export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading asset" />
      <Skeleton className="mb-3 h-4 w-20" />
      <PageHeaderSkeleton withAction />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
        <div className="lg:col-span-2">
          <TableSkeleton rows={3} columns={4} />
        </div>
        <div className="lg:col-span-2">
          <TableSkeleton rows={6} columns={7} />
        </div>
      </div>
    </div>
  );
}
