import pg from "pg";

/** Turns a connection failure into one line a person can act on. */
export function describeConnectionError(url: string, error: unknown): string {
  let where = "the database";
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}`;
  } catch {
    return "DATABASE_URL is not a valid postgresql:// URL.";
  }
  const e = error as { code?: string; message?: string };
  const reason =
    {
      ECONNREFUSED: "connection refused",
      ENOTFOUND: "host name not found",
      EAI_AGAIN: "host name lookup failed",
      ETIMEDOUT: "connection timed out",
      EHOSTUNREACH: "host unreachable",
      "28P01": "password authentication failed",
      "3D000": "database does not exist",
      "28000": "access refused by pg_hba.conf",
    }[e.code ?? ""] ??
    e.message ??
    String(error);
  return `Cannot reach PostgreSQL at ${where} (${reason}). Check DATABASE_URL, or unset it to use the embedded database.`;
}

export async function checkConnection(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}
