import { LoadingAnnouncement, PageHeaderSkeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div>
      <LoadingAnnouncement label="Loading connectors" />
      <PageHeaderSkeleton withAction />
      <TableSkeleton rows={5} columns={6} />
    </div>
  );
}
