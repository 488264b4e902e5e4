import { db } from "@/lib/db";

export function countConnectors(options: { tenantId: string }) {
  return db.connector.count({ where: { tenantId: options.tenantId } });
}
