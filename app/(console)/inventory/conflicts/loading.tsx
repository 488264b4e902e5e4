import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

/** Conflicts skeleton: header, tabs, the conflict table. */
export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading identity conflicts" />
      <PageHeaderSkeleton withAction />
      <div className="grid gap-3">
        <Skeleton className="h-9 w-40" />
        <TableSkeleton rows={6} columns={6} />
      </div>
    </div>
  );
}
