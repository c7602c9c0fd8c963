// Starts `next start` once for the browser tests: on a scratch embedded data
// folder, or on E2E_DATABASE_URL when given. Builds first if there is no build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    dataDir: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitFor(url: string, ms: number, child: ChildProcess) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not become ready`);
}

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
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = path.join(root, "test-results", "e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "w");
  child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", log, log],
      env: {
        ...env,
        SASH_DATA_DIR: dataDir,
        DATABASE_URL: process.env.E2E_DATABASE_URL || "",
        AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
        NEXTAUTH_URL: baseURL,
        SASH_RATE_LIMIT_IP: "10000",
        // Every browser test signs up from 127.0.0.1; the per-address sign-up throttle would stop them.
        SASH_RATE_LIMIT_SIGNUP: "10000",
        SASH_ALLOW_FETCH_HOSTS: process.env.SASH_ALLOW_FETCH_HOSTS || "",
      },
    },
  );
  await waitFor(`${baseURL}/sign-in`, 120_000, child);
  project.provide("baseURL", baseURL);
  project.provide("dataDir", dataDir);
}

export async function teardown() {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
