// `npm run worker`: job workers without the web console, for scale-out. Point
// DATABASE_URL and SLUICE_SECRET_KEY at the same values as the console.
import { checkConnection, describeConnectionError } from "../lib/db/check";
import { migrate } from "../lib/db/migrate";
import { env } from "../lib/env";
import { startWorkers } from "../lib/jobs/boss";

async function main() {
  let settings;
  try {
    settings = env();
  } catch (error) {
    console.error(`[sluice worker] ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    await checkConnection(settings.DATABASE_URL);
  } catch (error) {
    console.error(`[sluice worker] ${describeConnectionError(settings.DATABASE_URL, error)}`);
    process.exit(1);
  }
  await migrate({
    url: settings.DATABASE_URL,
    log: (line) => console.log(`[sluice worker] ${line}`),
  });
  const workers = await startWorkers({ mode: "worker" });
  console.log(`[sluice worker] running (pid ${process.pid}); Ctrl-C to stop.`);
  const stop = async () => {
    await workers.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();
