import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

/** Inventory skeleton: header, search box, saved queries, the asset table. */
export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading inventory" />
      <PageHeaderSkeleton withAction />
      <div className="grid gap-3">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-7 w-64" />
        <TableSkeleton rows={10} columns={7} />
      </div>
    </div>
  );
}
