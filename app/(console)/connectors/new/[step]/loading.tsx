import { LoadingAnnouncement, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="rounded-lg border border-border bg-card">
      <LoadingAnnouncement label="Loading step" />
      <div className="border-b border-border px-5 py-4">
        <Skeleton className="h-3 w-20" />
        <Skeleton className="mt-2 h-5 w-44" />
      </div>
      <div className="grid gap-5 p-5">
        <div className="grid gap-5 md:grid-cols-2">
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
        <Skeleton className="h-20" />
        <div className="grid gap-3 md:grid-cols-2">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      </div>
      <div className="flex justify-between border-t border-border px-5 py-3">
        <Skeleton className="h-9 w-20" />
        <Skeleton className="h-9 w-24" />
      </div>
    </div>
  );
}
