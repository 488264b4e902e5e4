-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'viewer');

-- CreateEnum
CREATE TYPE "ConnectorState" AS ENUM ('REGISTERED', 'SCHEDULED', 'PROCESSING', 'PROCESSED', 'FAILED');

-- CreateEnum
CREATE TYPE "FindingType" AS ENUM ('ASSET', 'VULNERABILITY', 'LOG');

-- CreateEnum
CREATE TYPE "DataModelKind" AS ENUM ('ASSET', 'FINDING', 'LOG_EVENT');

-- CreateEnum
CREATE TYPE "ProfileStatus" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "ScheduleKind" AS ENUM ('NONE', 'ONCE', 'RECURRING');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('MANUAL', 'SCHEDULE', 'UPLOAD', 'S3_EVENT', 'SQS', 'BACKFILL');

-- CreateEnum
CREATE TYPE "RunState" AS ENUM ('QUEUED', 'PROCESSING', 'PROCESSED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LedgerStatus" AS ENUM ('CLAIMED', 'INGESTED', 'SKIPPED', 'FAILED');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('NEW', 'ACTIVE', 'REOPENED', 'FIXED');

-- CreateEnum
CREATE TYPE "VulnType" AS ENUM ('CONFIRMED', 'POTENTIAL', 'INFO');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connectors" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "findingType" "FindingType" NOT NULL,
    "assetType" TEXT NOT NULL DEFAULT 'HOST',
    "state" "ConnectorState" NOT NULL DEFAULT 'REGISTERED',
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "dataModelId" UUID,
    "intakeTokenHash" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_drafts" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "connectorId" UUID,
    "lastStep" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connector_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_models" (
    "id" UUID NOT NULL,
    "tenantId" UUID,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DataModelKind" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_model_attributes" (
    "id" UUID NOT NULL,
    "dataModelId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "isList" BOOLEAN NOT NULL DEFAULT false,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,

    CONSTRAINT "data_model_attributes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transform_maps" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID,
    "dataModelId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "templateKey" TEXT,
    "preambleLines" INTEGER NOT NULL DEFAULT 0,
    "delimiter" TEXT NOT NULL DEFAULT ',',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "transform_maps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "field_mappings" (
    "id" UUID NOT NULL,
    "transformMapId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceField" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "targetField" TEXT NOT NULL,
    "transforms" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "field_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profiles" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "transformMapId" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tagFilter" TEXT NOT NULL DEFAULT '',
    "status" "ProfileStatus" NOT NULL DEFAULT 'ACTIVE',
    "scheduleKind" "ScheduleKind" NOT NULL DEFAULT 'NONE',
    "runAt" TIMESTAMP(3),
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "intervalMinutes" INTEGER,
    "cron" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "keepFindingStatus" BOOLEAN NOT NULL DEFAULT false,
    "nextRunAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identification_rules" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "identification_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "profileId" UUID,
    "trigger" "RunTrigger" NOT NULL,
    "state" "RunState" NOT NULL DEFAULT 'QUEUED',
    "source" TEXT NOT NULL DEFAULT '',
    "jobId" TEXT,
    "bytesTotal" BIGINT,
    "bytesRead" BIGINT NOT NULL DEFAULT 0,
    "objectsTotal" INTEGER,
    "objectsDone" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_errors" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "sourceKey" TEXT,
    "line" INTEGER,
    "column" TEXT,
    "reason" TEXT NOT NULL,
    "raw" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_errors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_ledger" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "runId" UUID,
    "sourceKey" TEXT NOT NULL,
    "version" TEXT NOT NULL DEFAULT '',
    "status" "LedgerStatus" NOT NULL DEFAULT 'CLAIMED',
    "sizeBytes" BIGINT,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ingest_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assets" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hostname" TEXT,
    "fqdn" TEXT,
    "ipAddresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "os" TEXT,
    "criticality" INTEGER NOT NULL DEFAULT 2,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "riskBreakdown" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asset_sources" (
    "id" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceRecordId" TEXT NOT NULL,
    "matchedRule" TEXT,
    "matchedValue" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asset_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asset_identifiers" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "asset_identifiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "connectorId" UUID,
    "qid" INTEGER NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 0,
    "protocol" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "severity" INTEGER NOT NULL,
    "type" "VulnType" NOT NULL DEFAULT 'CONFIRMED',
    "status" "FindingStatus" NOT NULL DEFAULT 'NEW',
    "cves" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cvssBase" DOUBLE PRECISION,
    "cvss3Base" DOUBLE PRECISION,
    "qds" INTEGER,
    "firstDetectedAt" TIMESTAMP(3),
    "lastDetectedAt" TIMESTAMP(3),
    "lastFixedAt" TIMESTAMP(3),
    "timesDetected" INTEGER,
    "results" TEXT,
    "threat" TEXT,
    "impact" TEXT,
    "solution" TEXT,
    "category" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_events" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "runId" UUID,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "msgClass" TEXT NOT NULL,
    "msgOrigin" TEXT NOT NULL DEFAULT '',
    "sourceKey" TEXT,
    "data" JSONB NOT NULL,

    CONSTRAINT "log_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_integrations" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "bucketName" TEXT NOT NULL,
    "bucketRegion" TEXT NOT NULL,
    "roleArn" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "validated" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "lastExportAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "export_integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_tenantId_idx" ON "users"("tenantId");

-- CreateIndex
CREATE INDEX "login_attempts_key_createdAt_idx" ON "login_attempts"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "api_tokens_tenantId_idx" ON "api_tokens"("tenantId");

-- CreateIndex
CREATE INDEX "audit_logs_tenantId_createdAt_idx" ON "audit_logs"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "connectors_tenantId_name_key" ON "connectors"("tenantId", "name");

-- CreateIndex
CREATE INDEX "connector_drafts_tenantId_idx" ON "connector_drafts"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "data_models_tenantId_key_key" ON "data_models"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "data_model_attributes_dataModelId_name_key" ON "data_model_attributes"("dataModelId", "name");

-- CreateIndex
CREATE INDEX "transform_maps_tenantId_idx" ON "transform_maps"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "field_mappings_transformMapId_position_key" ON "field_mappings"("transformMapId", "position");

-- CreateIndex
CREATE INDEX "profiles_connectorId_idx" ON "profiles"("connectorId");

-- CreateIndex
CREATE UNIQUE INDEX "identification_rules_connectorId_identifier_key" ON "identification_rules"("connectorId", "identifier");

-- CreateIndex
CREATE INDEX "runs_connectorId_createdAt_idx" ON "runs"("connectorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "runs_tenantId_createdAt_idx" ON "runs"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "run_errors_runId_id_idx" ON "run_errors"("runId", "id");

-- CreateIndex
CREATE INDEX "ingest_ledger_runId_idx" ON "ingest_ledger"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_ledger_connectorId_sourceKey_version_key" ON "ingest_ledger"("connectorId", "sourceKey", "version");

-- CreateIndex
CREATE INDEX "assets_tenantId_riskScore_idx" ON "assets"("tenantId", "riskScore" DESC);

-- CreateIndex
CREATE INDEX "assets_tenantId_name_idx" ON "assets"("tenantId", "name");

-- CreateIndex
CREATE INDEX "assets_attributes_idx" ON "assets" USING GIN ("attributes" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "assets_tags_idx" ON "assets" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "asset_sources_assetId_idx" ON "asset_sources"("assetId");

-- CreateIndex
CREATE UNIQUE INDEX "asset_sources_connectorId_sourceRecordId_key" ON "asset_sources"("connectorId", "sourceRecordId");

-- CreateIndex
CREATE INDEX "asset_identifiers_tenantId_kind_value_idx" ON "asset_identifiers"("tenantId", "kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "asset_identifiers_assetId_kind_value_key" ON "asset_identifiers"("assetId", "kind", "value");

-- CreateIndex
CREATE INDEX "findings_tenantId_severity_status_idx" ON "findings"("tenantId", "severity", "status");

-- CreateIndex
CREATE INDEX "findings_tenantId_qid_idx" ON "findings"("tenantId", "qid");

-- CreateIndex
CREATE UNIQUE INDEX "findings_assetId_qid_port_protocol_key" ON "findings"("assetId", "qid", "port", "protocol");

-- CreateIndex
CREATE INDEX "log_events_tenantId_timestamp_idx" ON "log_events"("tenantId", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "log_events_tenantId_msgClass_timestamp_idx" ON "log_events"("tenantId", "msgClass", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "log_events_data_idx" ON "log_events" USING GIN ("data" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "export_integrations_tenantId_kind_name_key" ON "export_integrations"("tenantId", "kind", "name");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_dataModelId_fkey" FOREIGN KEY ("dataModelId") REFERENCES "data_models"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_drafts" ADD CONSTRAINT "connector_drafts_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_drafts" ADD CONSTRAINT "connector_drafts_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_drafts" ADD CONSTRAINT "connector_drafts_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_models" ADD CONSTRAINT "data_models_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_model_attributes" ADD CONSTRAINT "data_model_attributes_dataModelId_fkey" FOREIGN KEY ("dataModelId") REFERENCES "data_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transform_maps" ADD CONSTRAINT "transform_maps_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transform_maps" ADD CONSTRAINT "transform_maps_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transform_maps" ADD CONSTRAINT "transform_maps_dataModelId_fkey" FOREIGN KEY ("dataModelId") REFERENCES "data_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "field_mappings" ADD CONSTRAINT "field_mappings_transformMapId_fkey" FOREIGN KEY ("transformMapId") REFERENCES "transform_maps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_transformMapId_fkey" FOREIGN KEY ("transformMapId") REFERENCES "transform_maps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identification_rules" ADD CONSTRAINT "identification_rules_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_errors" ADD CONSTRAINT "run_errors_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_ledger" ADD CONSTRAINT "ingest_ledger_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_ledger" ADD CONSTRAINT "ingest_ledger_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_ledger" ADD CONSTRAINT "ingest_ledger_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_sources" ADD CONSTRAINT "asset_sources_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_sources" ADD CONSTRAINT "asset_sources_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_identifiers" ADD CONSTRAINT "asset_identifiers_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_identifiers" ADD CONSTRAINT "asset_identifiers_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_integrations" ADD CONSTRAINT "export_integrations_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

