// First start of a fresh database: create the demo tenant and its admin, and
// hand the credentials to the person starting Sluice exactly once.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";

export type BootstrapResult =
  | { created: false }
  | { created: true; email: string; password: string; generated: boolean; file: string | null };

export async function bootstrapTenant(options: {
  url: string;
  dataDir: string | null;
  adminEmail?: string;
  adminPassword?: string;
}): Promise<BootstrapResult> {
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Two consoles starting at once against one database must not both seed.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sluice.bootstrap'))");
    const existing = await client.query("SELECT 1 FROM tenants LIMIT 1");
    if (existing.rowCount) {
      await client.query("COMMIT");
      return { created: false };
    }
    const email = (options.adminEmail ?? "admin@sluice.local").toLowerCase();
    const password = options.adminPassword ?? randomBytes(12).toString("base64url");
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO tenants (id, name, slug) VALUES (gen_random_uuid(), 'Demo', 'demo') RETURNING id`,
    );
    await client.query(
      `INSERT INTO users (id, "tenantId", email, name, "passwordHash", role, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'Administrator', $3, 'admin', now())`,
      [tenant.rows[0].id, email, await hashPassword(password)],
    );
    await client.query("COMMIT");

    const generated = options.adminPassword === undefined;
    let file: string | null = null;
    if (generated && options.dataDir) {
      file = join(options.dataDir, "admin-credentials.txt");
      await writeFile(
        file,
        `Sluice demo tenant administrator (created ${new Date().toISOString()})\nemail: ${email}\npassword: ${password}\n`,
        { mode: 0o600 },
      );
    }
    return { created: true, email, password, generated, file };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
