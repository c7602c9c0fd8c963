// The worker pool (issue #23 §3): work really runs on other threads, gives the same answers as on
// the calling thread on the real corpus, keeps AppError codes, survives a crashed thread and holds
// its bound. The threads load server/workers/entry.ts through tsx (no build needed).
import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCredential } from "@/lib/badges/ingest";
import { verifyCredential } from "@/lib/badges/verify/verify";
import { FetchError } from "@/lib/net/errors";
import { AppError } from "@/lib/errors";
import { ZipImportError, DEFAULT_ZIP_LIMITS } from "@/lib/portfolio/zip";
import type { Fetcher } from "@/lib/badges/types";
import { findWorkerSource, WorkerPool } from "@/server/workers/pool";
import { describeCompleted, describePool } from "@/server/workers/offload";
import { TASKS } from "@/server/workers/tasks";
import { haveRealFixtures, realFixture } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");
let pool: WorkerPool;

beforeAll(() => {
  const source = findWorkerSource(root, ".no-such-dist");
  expect(source?.kind).toBe("ts");
  pool = new WorkerPool({ size: 2, perThread: 1, memoryMb: 256, source: source! });
});
afterAll(() => pool?.close());

/** Offline: every fetch refused the way the SSRF-safe fetcher refuses (the error crosses back into the worker). */
const offline: Fetcher = async (url) => {
  throw new FetchError("FETCH_NETWORK", url, "offline in this test");
};

const inThread = { fetcher: offline, inWorker: false };
const stamp = <T extends { checkedAt?: string }>(r: T) => ({ ...r, checkedAt: "x" });

describe("worker pool", () => {
  it("runs tasks on another thread while this thread's event loop keeps turning", async () => {
    let turns = 0;
    let spinning = true;
    const tick = () => {
      turns++;
      if (spinning) setImmediate(tick);
    };
    setImmediate(tick);
    const started = turns;
    const r = await pool.run("probe", { spin: 30_000_000 });
    spinning = false;
    expect(r.threadId).not.toBe(threadId);
    expect(turns - started).toBeGreaterThan(10); // a spin on this thread would have allowed none
  }, 120_000);

  const files = [
    "json/1edtech-dcpv_ob30-simple_di-didkey.json",
    "json/dcc_v2-di-didkey_basic-ob3.json",
    "json/BAD_dcc_v2-ed25519-didkey_tampered.json",
    "png/1edtech-dcpv_ob20-simple-badge_ob2.png",
  ];
  it.runIf(haveRealFixtures(...files))(
    "verifies the real corpus with the same reports as on the calling thread (fetches go back to the caller)",
    async () => {
      const now = new Date("2026-12-01T00:00:00Z");
      for (const f of files) {
        const ingested = await readCredential(
          { bytes: new Uint8Array(fs.readFileSync(realFixture(f))) },
          { fetcher: offline },
        );
        const record = ingested.record!;
        const here = await verifyCredential(record, { fetcher: offline, now });
        const there = await pool.run(
          "verify",
          { record, options: { now }, registries: "default", fetch: true },
          { fetcher: offline },
        );
        expect(stamp(there), f).toEqual(stamp(here));
      }
    },
    180_000,
  );

  it("hashes passwords and writes/reads ZIPs off-thread with the same bytes", async () => {
    const args = { password: "correct horse", salt: new Uint8Array(16).fill(7), keylen: 32, N: 1 << 15, r: 8, p: 1 };
    expect(Buffer.from(await pool.run("scrypt", args))).toEqual(Buffer.from(await TASKS.scrypt(args, inThread)));
    const entries = [
      { path: "index.json", bytes: new TextEncoder().encode('{"hello":"world"}') },
      { path: "credentials/0001-a.json", bytes: new TextEncoder().encode("{}") },
    ];
    const mtime = new Date("2026-01-02T03:04:00Z");
    const zipThere = await pool.run("writeZip", { entries, mtime });
    const zipHere = await TASKS.writeZip({ entries, mtime }, inThread);
    expect(Buffer.from(zipThere)).toEqual(Buffer.from(zipHere));
    const read = await pool.run("readZip", { bytes: zipThere, limits: DEFAULT_ZIP_LIMITS }).catch((e: unknown) => e);
    const readHere = await TASKS.readZip({ bytes: zipHere, limits: DEFAULT_ZIP_LIMITS }, inThread).catch(
      (e: unknown) => e,
    );
    // The index above lists nothing: both refuse the archive the same way, code and class kept.
    expect(read).toBeInstanceOf(ZipImportError);
    expect((read as AppError).code).toBe((readHere as AppError).code);
    expect((read as AppError).message).toBe((readHere as AppError).message);
  }, 120_000);

  const baked = "png/1edtech-dcpv_ob20-simple-badge_ob2.png";
  it.runIf(haveRealFixtures(baked))(
    "makes a share link's picture of a baked PNG off-thread: the same bytes as here, badge data gone",
    async () => {
      const file = { mimeType: "image/png", bytes: new Uint8Array(fs.readFileSync(realFixture(baked))), baked: true };
      const here = await TASKS.publicBadgeImage(file, inThread);
      const there = await pool.run("publicBadgeImage", file);
      expect(there?.mime).toBe("image/png");
      expect(Buffer.from(there!.bytes)).toEqual(Buffer.from(here!.bytes));
      expect(Buffer.from(there!.bytes).includes(Buffer.from("openbadges"))).toBe(false);
      expect(Buffer.from(file.bytes).includes(Buffer.from("openbadges"))).toBe(true);
    },
    120_000,
  );

  it("an AppError thrown in a worker arrives with its code", async () => {
    const e = await pool.run("probe", { throwCode: "ZIP_RATIO" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("ZIP_RATIO");
    expect((e as AppError).status).toBe(422);
  }, 60_000);

  it("a thread that dies mid-task fails that call with WORKER_FAILED and is replaced", async () => {
    const before = pool.replaced;
    const e = await pool.run("probe", { crash: true }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("WORKER_FAILED");
    expect(pool.replaced).toBe(before + 1);
    const after = await Promise.all([pool.run("probe", {}), pool.run("probe", {})]);
    expect(after.every((r) => r.threadId !== threadId)).toBe(true);
    expect(pool.stats().threads).toBe(2);
  }, 120_000);

  it("counts the tasks its threads completed, for the start and stop log lines test:load reads", async () => {
    const before = { ...pool.completed };
    await Promise.all([pool.run("probe", {}), pool.run("probe", {}), pool.run("probe", {})]);
    await pool.run("probe", { throwCode: "ZIP_RATIO" }).catch(() => undefined);
    expect(pool.completed.probe).toBe((before.probe ?? 0) + 4); // failed tasks count: they ran on a thread
    expect(describeCompleted(pool, {})).toMatch(
      /^tasks completed on worker threads: (\w+ \d+)(, \w+ \d+)*; on the request thread: none$/,
    );
    expect(describeCompleted(pool, { verify: 2 })).toMatch(/; on the request thread: verify 2$/);
    expect(describeCompleted(pool)).toContain(`probe ${pool.completed.probe}`);
    const source = findWorkerSource(root, ".no-such-dist")!;
    expect(describePool(pool, source)).toBe(
      `worker pool: 2 threads × 1 tasks, TypeScript through tsx (${path.join(root, "server/workers/entry.ts")})`,
    );
    expect(describePool(pool, { kind: "bundle", file: "/x/sash-workers/worker.mjs" })).toBe(
      "worker pool: 2 threads × 1 tasks, bundle /x/sash-workers/worker.mjs",
    );
  }, 120_000);

  it("holds its bound: the (size × perThread + 1)-th task waits in the queue", async () => {
    const { limit } = pool.stats();
    expect(limit).toBe(2);
    const calls = Array.from({ length: limit + 1 }, () => pool.run("probe", { spin: 20_000_000 }));
    expect(pool.stats()).toMatchObject({ running: limit, queued: 1 });
    await Promise.all(calls);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  }, 120_000);
});
