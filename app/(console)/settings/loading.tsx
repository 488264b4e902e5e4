import { LoadingAnnouncement, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <LoadingAnnouncement label="Loading settings" />
      <TableSkeleton rows={4} columns={5} />
    </>
  );
}
