import path from "node:path";
import { defineConfig } from "prisma/config";

// Sluice applies migrations with its own runner (lib/db/migrate.ts) and the
// client talks to PostgreSQL through @prisma/adapter-pg, so the CLI is only
// used offline: `generate` and `migrate diff --script`.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
