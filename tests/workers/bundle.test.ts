// The worker bundle `next build` makes (scripts/build-workers.mjs, issue #23 §3): next.config.ts is
// compiled to CommonJS, so the script must load through require() (a top-level await there made
// every build skip the bundle), and the bundle it writes must run the pool's tasks on its threads.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { findWorkerSource, WorkerPool, WORKER_BUNDLE } from "@/server/workers/pool";
import { TASKS } from "@/server/workers/tasks";

const root = path.resolve(import.meta.dirname, "../..");
// Inside the repository, as <distDir> is: the bundle's packages resolve from its node_modules.
const dist = path.join(root, `.next-worker-bundle-test-${process.pid}`);
let pool: WorkerPool | undefined;
afterAll(async () => {
  await pool?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe("worker bundle", () => {
  it("builds through require() (as next.config.ts loads it) and runs tasks from the bundle", async () => {
    const { buildWorkers } = createRequire(import.meta.url)(path.join(root, "scripts/build-workers.mjs")) as {
      buildWorkers: (distDir: string) => Promise<string>;
    };
    const out = await buildWorkers(path.basename(dist));
    expect(out).toBe(path.join(dist, WORKER_BUNDLE));
    const source = findWorkerSource(root, path.basename(dist));
    expect(source).toEqual({ kind: "bundle", file: out });
    pool = new WorkerPool({ size: 1, memoryMb: 256, source: source! });
    expect((await pool.run("probe", {})).threadId).not.toBe(threadId);
    const args = { password: "pässword", salt: new Uint8Array(16).fill(3), keylen: 32, N: 1 << 14, r: 8, p: 1 };
    const here = await TASKS.scrypt(args, { inWorker: false });
    expect(Buffer.from(await pool.run("scrypt", args))).toEqual(Buffer.from(here));
    // argon2id (a native package, external to the bundle) loads on the worker thread; a hash made there
    // verifies here and the other way round.
    const costs = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
    const there = await pool.run("argon2Hash", { password: "pässword", ...costs });
    expect(there).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await TASKS.argon2Verify({ password: "pässword", hash: there }, { inWorker: false })).toBe(true);
    const mine = await TASKS.argon2Hash({ password: "pässword", ...costs }, { inWorker: false });
    expect(await pool.run("argon2Verify", { password: "pässword", hash: mine })).toBe(true);
    expect(await pool.run("argon2Verify", { password: "password", hash: mine })).toBe(false);
    expect(pool.completed).toEqual({ probe: 1, scrypt: 1, argon2Hash: 1, argon2Verify: 2 });
  }, 120_000);
});
