import { NotFoundPanel } from "@/components/shell/not-found-panel";

// Settings pages answer non-admins with notFound(), so say what most likely happened.
export default function SettingsNotFound() {
  return (
    <NotFoundPanel
      title="Nothing to see here"
      description="This settings page does not exist, or it is only available to admins of this tenant."
      headingLevel="h2"
    />
  );
}
