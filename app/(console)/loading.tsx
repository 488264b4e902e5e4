import {
  LoadingAnnouncement,
  PageHeaderSkeleton,
  Skeleton,
  TableSkeleton,
} from "@/components/ui/skeleton";

/** Dashboard skeleton: header, four stat cards, the run table. */
export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading dashboard" />
      <PageHeaderSkeleton />
      <div className="grid gap-6">
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="rounded-lg border border-border bg-card p-4">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="mt-4 h-7 w-16" />
              <Skeleton className="mt-2 h-4 w-32" />
            </div>
          ))}
        </div>
        <TableSkeleton rows={6} columns={5} />
      </div>
    </div>
  );
}
