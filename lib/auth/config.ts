import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { deriveKey } from "@/lib/secrets/keys";
import { clientIpFrom, verifyLogin } from "./login";

export class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your e-mail address.")
    .email("Enter a valid e-mail address."),
  password: z.string().min(1, "Enter your password."),
});

// The config is built on first use (not at import) so `next build` needs no
// secret; the signing secret derives from SLUICE_SECRET_KEY.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: deriveKey(env().SLUICE_SECRET_KEY, "session").toString("base64url"),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          const user = await verifyLogin({
            ...parsed.data,
            clientIp: request ? clientIpFrom(request.headers) : null,
          });
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          if (error instanceof RateLimitedError) throw new RateLimitedSignin(error.message);
          return null;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
