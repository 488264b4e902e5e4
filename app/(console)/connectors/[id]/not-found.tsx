import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function ConnectorNotFound() {
  return (
    <NotFoundPanel
      title="Connector not found"
      description="This connector does not exist, was deleted, or belongs to another tenant."
    />
  );
}
