import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

export function RunViewSkeleton() {
  return (
    <div>
      <LoadingAnnouncement label="Loading run" />
      <Skeleton className="mb-3 h-4 w-28" />
      <PageHeaderSkeleton />
      <div className="grid gap-6">
        <Skeleton className="h-36" />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
          {Array.from({ length: 7 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <TableSkeleton rows={4} columns={4} />
      </div>
    </div>
  );
}
