import {
  EmptyStateSkeleton,
  LoadingAnnouncement,
  PageHeaderSkeleton,
} from "@/components/ui/skeleton";

/** The skeleton for a section page: header, then the body that is most likely (an empty state). */
export function SectionLoading({ label }: { label: string }) {
  return (
    <div>
      <LoadingAnnouncement label={`Loading ${label}`} />
      <PageHeaderSkeleton />
      <EmptyStateSkeleton />
    </div>
  );
}
