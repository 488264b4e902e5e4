import { db } from "@/lib/db";

export function countLogEvents(options: { tenantId: string }) {
  return db.logEvent.count({ where: { tenantId: options.tenantId } });
}
