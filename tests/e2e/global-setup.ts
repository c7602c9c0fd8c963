// Starts `next start` once for the browser tests: on a scratch embedded data
// folder, or on E2E_DATABASE_URL when given. Builds first if there is no build.
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startNextServer, stopNextServer } from "../support/next-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    dataDir: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

let child: ChildProcess | undefined;
let dataDir = "";

export async function setup(project: TestProject) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (
    !fs.existsSync(path.join(root, process.env.SASH_DIST_DIR || ".next", "BUILD_ID")) ||
    process.env.E2E_BUILD === "1"
  ) {
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env,
    });
    if (r.status !== 0) throw new Error("next build failed");
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-"));
  const server = await startNextServer({
    logFile: path.join(root, "test-results", "e2e-server.log"),
    readyPath: "/sign-in",
    env: (url) => ({
      SASH_DATA_DIR: dataDir,
      DATABASE_URL: process.env.E2E_DATABASE_URL || "",
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      NEXTAUTH_URL: url,
      SASH_RATE_LIMIT_IP: "10000",
      // Every browser test signs up from 127.0.0.1; the per-address sign-up throttle would stop them.
      SASH_RATE_LIMIT_SIGNUP: "10000",
      SASH_ALLOW_FETCH_HOSTS: process.env.SASH_ALLOW_FETCH_HOSTS || "",
    }),
  });
  child = server.child;
  const baseURL = server.url;
  project.provide("baseURL", baseURL);
  project.provide("dataDir", dataDir);
}

export async function teardown() {
  await stopNextServer(child);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
