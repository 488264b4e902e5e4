import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function RunNotFound() {
  return (
    <NotFoundPanel
      title="Run not found"
      description="This run does not exist or belongs to another tenant."
    />
  );
}
