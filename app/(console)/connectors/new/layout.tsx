import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/session";
import { wizardCatalog } from "@/lib/connectors/service";
import { ConnectorWizard } from "@/components/connectors/wizard/connector-wizard";

export default async function NewConnectorLayout({ children }: { children: ReactNode }) {
  await requireRole("operator");
  return <ConnectorWizard catalog={wizardCatalog()}>{children}</ConnectorWizard>;
}
