import { LoadingAnnouncement, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

function SectionSkeleton({ rows, columns }: { rows: number; columns: number }) {
  return (
    <div>
      <div className="mb-4 grid gap-2">
        <Skeleton className="h-5 w-28" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <TableSkeleton rows={rows} columns={columns} />
    </div>
  );
}

export default function Loading() {
  return (
    <div className="grid gap-8">
      <LoadingAnnouncement label="Loading jobs" />
      <SectionSkeleton rows={4} columns={6} />
      <SectionSkeleton rows={2} columns={4} />
    </div>
  );
}
