import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by path; bundling it breaks that (STACK-NOTES trap 2).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "jsonld", "rdf-canonize", "pngjs", "pg-boss", "nodemailer"],
  // A separate build folder lets a benchmark or test build run beside a dev build.
  distDir: process.env.SASH_DIST_DIR || ".next",
  poweredByHeader: false,
  // CI type-checks once, in `npm run lint` (tsc --noEmit over the whole project, tests included); .ci/run sets
  // SASH_TYPECHECK_DONE=1 for its `next build` so the build doesn't type-check the same code again. Anywhere
  // else (`npm start`, `next build` by hand, Vercel) the build type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.SASH_TYPECHECK_DONE === "1" },
  experimental: {
    serverActions: { bodySizeLimit: "11mb" },
  },
};

export default nextConfig;
