import { db } from "@/lib/db";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function getDashboardSummary(options: { tenantId: string }) {
  const { tenantId } = options;
  const since = new Date(Date.now() - DAY_MS);
  const [connectors, assets, findings, openCriticalFindings, runs24h, failedRuns24h, recent] =
    await Promise.all([
      db.connector.count({ where: { tenantId } }),
      db.asset.count({ where: { tenantId } }),
      db.finding.count({ where: { tenantId } }),
      db.finding.count({ where: { tenantId, severity: { gte: 4 }, status: { not: "FIXED" } } }),
      db.run.count({ where: { tenantId, createdAt: { gte: since } } }),
      db.run.count({ where: { tenantId, createdAt: { gte: since }, state: "FAILED" } }),
      db.run.findMany({
        where: { tenantId },
        orderBy: { createdAt: "desc" },
        take: 8,
        select: {
          id: true,
          state: true,
          trigger: true,
          createdAt: true,
          rowsRead: true,
          connector: { select: { name: true } },
        },
      }),
    ]);
  return {
    connectors,
    assets,
    findings,
    openCriticalFindings,
    runs24h,
    failedRuns24h,
    recentRuns: recent.map((r) => ({
      id: r.id,
      connectorName: r.connector.name,
      state: r.state,
      trigger: r.trigger,
      createdAt: r.createdAt,
      rowsRead: r.rowsRead,
    })),
  };
}
