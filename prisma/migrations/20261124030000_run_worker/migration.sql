-- The worker process running a run, so that a run whose worker died can be
-- told apart from a live one (see lib/jobs/worker-identity.ts).
ALTER TABLE "runs" ADD COLUMN "workerId" TEXT;
