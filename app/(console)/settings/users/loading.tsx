import { LoadingAnnouncement, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading users" />
      <div className="mb-4 flex items-end justify-between gap-4">
        <div className="grid gap-2">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-9 w-28" />
      </div>
      <TableSkeleton rows={4} columns={6} />
    </div>
  );
}
