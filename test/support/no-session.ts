// Stands in for lib/auth/config.ts (next-auth) where no Next.js server runs:
// nobody has a console session, so callers must bring a bearer token.
export async function auth(): Promise<null> {
  return null;
}
