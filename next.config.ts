import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by path; bundling it breaks that (STACK-NOTES trap 2).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "pg",
    "jsonld",
    "rdf-canonize",
    "pngjs",
    "pg-boss",
    "nodemailer",
  ],
  // A separate build folder lets a benchmark or test build run beside a dev build.
  distDir: process.env.SASH_DIST_DIR || ".next",
  poweredByHeader: false,
  // CI type-checks once, in `npm run lint` (tsc --noEmit over the whole project, tests included); .ci/run sets
  // SASH_TYPECHECK_DONE=1 for its `next build` so the build doesn't type-check the same code again. Anywhere
  // else (`npm start`, `next build` by hand, Vercel) the build type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.SASH_TYPECHECK_DONE === "1" },
  // Discovery documents at their well-known addresses. Rewrites, not route folders: a folder under app/.well-known
  // sits outside the TypeScript project (tsconfig globs skip dot folders), which breaks typed linting.
  // - OB 2.1 Badge Connect: Moodle's "Open Badges" OAuth 2 service reads <base>/.well-known/badgeconnect.json.
  // - RFC 8414 authorization server metadata (the issuer is the origin, so no path suffix).
  async rewrites() {
    return [
      { source: "/.well-known/badgeconnect.json", destination: "/ims/ob/v2p1/discovery" },
      { source: "/.well-known/oauth-authorization-server", destination: "/oauth/metadata" },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "11mb" },
  },
};

// `next build` also bundles the worker pool's thread into <distDir>/sash-workers (issue #23 §3,
// scripts/build-workers.mjs). Without it the server loads the thread's TypeScript through tsx.
export default async function config(phase: string): Promise<NextConfig> {
  if (phase === "phase-production-build") {
    try {
      const { buildWorkers } = await import("./scripts/build-workers.mjs");
      await buildWorkers(nextConfig.distDir);
    } catch (e) {
      console.warn(`sash: worker bundle not built (${(e as Error).message}); workers will load through tsx`);
    }
  }
  return nextConfig;
}
