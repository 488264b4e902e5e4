-- Findings missing from a later full import become FIXED: a run notes every
-- finding key it writes in this scratch table, then compares at its end.
CREATE UNLOGGED TABLE "run_findings_seen" (
    "runId" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "qid" INTEGER NOT NULL,
    "port" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL
);

ALTER TABLE "runs" ADD COLUMN "fixed" INTEGER NOT NULL DEFAULT 0;
