// Runs once when the Next.js server starts: the embedded default runs the job
// workers inside the console process (SLUICE_WORKERS, set by npm start).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  if (!env().SLUICE_WORKERS) return;
  const { startWorkers } = await import("./lib/jobs/boss");
  await startWorkers({ mode: "console" });
}
