import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by path; bundling it breaks that (STACK-NOTES trap 2).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "jsonld", "rdf-canonize", "pngjs", "pg-boss", "nodemailer"],
  // A separate build folder lets a benchmark or test build run beside a dev build.
  distDir: process.env.SASH_DIST_DIR || ".next",
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "11mb" },
  },
};

export default nextConfig;
