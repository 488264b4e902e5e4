-- CreateEnum
CREATE TYPE "ConflictStatus" AS ENUM ('OPEN', 'MERGED', 'KEPT_APART');

-- CreateTable
CREATE TABLE "identity_conflicts" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "sourceRecordId" TEXT NOT NULL,
    "assetId" UUID NOT NULL,
    "otherAssetId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "status" "ConflictStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "identity_conflicts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "identity_conflicts_tenantId_status_idx" ON "identity_conflicts"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "identity_conflicts_connectorId_sourceRecordId_otherAssetId_key" ON "identity_conflicts"("connectorId", "sourceRecordId", "otherAssetId");

