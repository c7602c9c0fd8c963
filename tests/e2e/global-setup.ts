// Starts `next start` once for the browser tests: on a scratch embedded data
// folder, or on E2E_DATABASE_URL when given. Builds first if the build is missing
// or older than the sources (tests/support/next-server.ts ensureBuild).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureBuild, startNextServer, stopNextServer } from "../support/next-server";
import { DEFAULT_REGISTRY_URLS } from "../../lib/badges/verify/registries";

/** The fixed test issuer's registry (tests/support/trust.ts TEST_REGISTRY_FILE). */
const TEST_REGISTRY_FILE = "tests/support/registries/sash-test-issuers.json";

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
  // Builds only when the build is missing or stale (E2E_BUILD=1: always); never in CI (SASH_PREBUILT=1).
  ensureBuild(undefined, process.env.E2E_BUILD === "1");
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
      // Issue #20: the fixed test issuer (tests/support/trust.ts) is a registered one.
      SASH_ISSUER_REGISTRIES: [...DEFAULT_REGISTRY_URLS, TEST_REGISTRY_FILE].join(","),
      // Issue #21 §4: tests/e2e/admin.test.ts signs up with this address and verifies it.
      SASH_ADMIN_EMAILS: "e2e-admin@example.test",
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
