import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function WizardNotFound() {
  return (
    <NotFoundPanel
      headingLevel="h2"
      title="Draft not found"
      description="This draft does not exist any more: it was saved as a connector, discarded, or belongs to another tenant."
    />
  );
}
