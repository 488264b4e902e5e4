import { RunViewSkeleton } from "@/components/runs/run-view-skeleton";

export default function Loading() {
  return <RunViewSkeleton />;
}
