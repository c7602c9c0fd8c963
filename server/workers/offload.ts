// The worker pool of this process (issue #23 §3) and the calls that go through it. The server
// starts it (instrumentation.ts → startWorkerPool); anywhere it isn't started (the CLI, unit tests)
// or with SASH_WORKER_THREADS=0 each call runs the same task function on the calling thread.
import os from "node:os";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { VerifyOptions } from "@/lib/badges/verify/verify";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import type { ZipLimits } from "@/lib/portfolio/zip";
import type { PublicImage } from "@/lib/share/image";
import { config } from "@/server/config";
import { registryDocumentsOf } from "@/server/trust/registries";
import { findWorkerSource, WorkerPool, type WorkerSource } from "./pool";
import { TASKS, type PortableRegistries, type TaskName, type Tasks } from "./tasks";

const g = globalThis as unknown as {
  __sashWorkerPool?: WorkerPool | null;
  __sashWorkerFallbacks?: Partial<Record<TaskName, number>>;
};

/** Tasks that ran on the calling thread although a pool was running (a verification whose registries can't travel). */
const fallbacks = (g.__sashWorkerFallbacks ??= {});
const noteFallback = (task: TaskName) => void (fallbacks[task] = (fallbacks[task] ?? 0) + 1);

/** Threads for this machine: min(SASH_WORKER_THREADS, os.availableParallelism()); 0 = no pool. */
export function workerThreads(cap = config().SASH_WORKER_THREADS): number {
  return cap <= 0 ? 0 : Math.max(1, Math.min(cap, os.availableParallelism()));
}

/** Starts this process's pool (once). Returns it, or null when it is off or no worker code is found. */
export function startWorkerPool(root = process.cwd()): WorkerPool | null {
  if (g.__sashWorkerPool !== undefined) return g.__sashWorkerPool;
  const c = config();
  const size = workerThreads(c.SASH_WORKER_THREADS);
  const source: WorkerSource | null = size ? findWorkerSource(root, c.SASH_DIST_DIR) : null;
  const pool = size && source ? new WorkerPool({ size, memoryMb: c.SASH_WORKER_MEMORY_MB, source }) : null;
  g.__sashWorkerPool = pool;
  if (size && !source) console.error("sash: no worker code found; CPU-heavy steps run on the request thread");
  if (pool && source) {
    console.log(`sash: ${describePool(pool, source)}`);
    // One line when the server stops: what ran off the request thread (test:load reads it).
    process.once("exit", () => console.log(`sash: worker pool stopped; ${describeCompleted(pool)}`));
  } else if (!size)
    console.log("sash: worker pool off (SASH_WORKER_THREADS=0); CPU-heavy steps run on the request thread");
  return g.__sashWorkerPool;
}

/** "worker pool: 2 threads × 2 tasks, bundle .next/sash-workers/worker.mjs" (the start-up log line). */
export function describePool(pool: WorkerPool, source: WorkerSource): string {
  const from = source.kind === "bundle" ? `bundle ${source.file}` : `TypeScript through tsx (${source.file})`;
  return `worker pool: ${pool.size} threads × ${pool.perThread} tasks, ${from}`;
}

/** "tasks completed on worker threads: argon2Verify 200, verify 199; on the request thread: none" (the stop log line). */
export function describeCompleted(
  pool: WorkerPool,
  onRequestThread: Partial<Record<TaskName, number>> = fallbacks,
): string {
  const list = (counts: Partial<Record<TaskName, number>>) =>
    Object.entries(counts)
      .map(([task, n]) => `${task} ${n}`)
      .join(", ") || "none";
  return `tasks completed on worker threads: ${list(pool.completed)}; on the request thread: ${list(onRequestThread)}`;
}

/** Uses `pool` for this process (tests), or none with null. */
export function setWorkerPool(pool: WorkerPool | null): void {
  g.__sashWorkerPool = pool;
}

export function workerPool(): WorkerPool | null {
  return g.__sashWorkerPool ?? null;
}

function run<K extends TaskName>(
  task: K,
  args: Tasks[K]["args"],
  fetcher?: VerifyOptions["fetcher"],
): Promise<Tasks[K]["result"]> {
  const pool = workerPool();
  if (pool) return pool.run(task, args, { fetcher });
  return TASKS[task](args as never, { fetcher, inWorker: false }) as Promise<Tasks[K]["result"]>;
}

const registryIds = new WeakMap<IssuerRegistries, number>();
let nextRegistryId = 1;

function portableRegistries(r: IssuerRegistries | null | undefined): PortableRegistries | null | "default" | false {
  if (r === undefined) return "default";
  if (r === null) return null;
  const documents = registryDocumentsOf(r);
  if (!documents) return false;
  let id = registryIds.get(r);
  if (!id) registryIds.set(r, (id = nextRegistryId++));
  return { id, documents };
}

/** verifyCredential (lib/badges/verify) in the pool: canonicalisation and proof checks off the request thread. */
export async function verifyOffThread(
  record: ParsedCredential,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const { fetcher, registries, ...rest } = options;
  const portable = portableRegistries(registries);
  const pool = workerPool();
  if (!pool || portable === false) {
    if (pool) noteFallback("verify");
    const { verifyCredential } = await import("@/lib/badges/verify/verify");
    return verifyCredential(record, options);
  }
  return pool.run("verify", { record, options: rest, registries: portable, fetch: !!fetcher }, { fetcher });
}

/** scrypt of a password (server/auth/password.ts). */
export function scryptOffThread(args: Tasks["scrypt"]["args"]): Promise<Uint8Array> {
  return run("scrypt", args);
}

/** An argon2id hash of a password, and a check of one (server/auth/password.ts). */
export function argon2HashOffThread(args: Tasks["argon2Hash"]["args"]): Promise<string> {
  return run("argon2Hash", args);
}

export function argon2VerifyOffThread(args: Tasks["argon2Verify"]["args"]): Promise<boolean> {
  return run("argon2Verify", args);
}

export function readZipOffThread(bytes: Uint8Array, limits: ZipLimits): Promise<Map<string, Uint8Array>> {
  return run("readZip", { bytes, limits });
}

export async function writeZipOffThread(
  entries: Array<{ path: string; bytes: Uint8Array }>,
  mtime: Date,
): Promise<Buffer> {
  const u = await run("writeZip", { entries, mtime });
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** lib/share/public-badge: the picture a share link shows for a stored file, made off the request thread. */
export function publicBadgeImageOffThread(file: {
  mimeType: string;
  bytes: Uint8Array;
  baked: boolean;
}): Promise<PublicImage | null> {
  return run("publicBadgeImage", { mimeType: file.mimeType, bytes: file.bytes, baked: file.baked });
}

/** lib/share/image toPublicImage: an uploaded PNG decoded and re-encoded off the request thread. */
export function publicImageOffThread(input: {
  mime: string | null;
  bytes: Uint8Array;
  baked: boolean;
}): Promise<PublicImage | null> {
  return run("publicImage", input);
}

/** lib/fit/snapshot encodeFitSnapshot off the request thread; pass copies of the parts (the task may wait for a thread). */
export function encodeFitSnapshotOffThread(args: Tasks["encodeFitSnapshot"]["args"]): Promise<Uint8Array> {
  return run("encodeFitSnapshot", args);
}

/** lib/fit/snapshot decodeFitSnapshot off the request thread: a restart's first searches go on meanwhile. */
export function decodeFitSnapshotOffThread(bytes: Uint8Array): Promise<Tasks["decodeFitSnapshot"]["result"]> {
  return run("decodeFitSnapshot", { bytes });
}
