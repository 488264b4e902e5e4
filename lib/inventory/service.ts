import { db } from "@/lib/db";

export function countAssets(options: { tenantId: string }) {
  return db.asset.count({ where: { tenantId: options.tenantId } });
}

export function countFindings(options: { tenantId: string }) {
  return db.finding.count({ where: { tenantId: options.tenantId } });
}
