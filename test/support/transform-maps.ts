// Gives a test or benchmark connector the ready-made Qualys VM scan report
// transform map (and the Vulnerability Finding model it targets), as the
// wizard would.
import type { Db } from "@/lib/db/client";
import { qualysVmScanCsvTemplate } from "@/lib/ingest/templates/qualys-vm-scan-csv";

export async function addQualysScanTransformMap(
  prisma: Db,
  ids: { tenantId: string; connectorId: string },
) {
  const model = await prisma.dataModel.upsert({
    where: { tenantId_key: { tenantId: ids.tenantId, key: "vulnerability-finding" } },
    create: {
      tenantId: ids.tenantId,
      key: "vulnerability-finding",
      name: "Vulnerability Finding",
      kind: "FINDING",
    },
    update: {},
  });
  return prisma.transformMap.create({
    data: {
      ...ids,
      dataModelId: model.id,
      name: qualysVmScanCsvTemplate.name,
      templateKey: qualysVmScanCsvTemplate.key,
      mappings: {
        create: qualysVmScanCsvTemplate.mappings.map((m, position) => ({
          position,
          sourceField: m.sourceField,
          dataType: m.dataType,
          targetField: m.targetField,
          transforms: m.transforms,
        })),
      },
    },
  });
}
