import { db } from "@/lib/db";

export function countExportIntegrations(options: { tenantId: string }) {
  return db.exportIntegration.count({ where: { tenantId: options.tenantId } });
}
