import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

/** Findings skeleton: header, search box, saved queries, the findings table. */
export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading findings" />
      <PageHeaderSkeleton />
      <div className="grid gap-3">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-7 w-64" />
        <TableSkeleton rows={10} columns={8} />
      </div>
    </div>
  );
}
