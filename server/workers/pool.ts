// A bounded pool of worker threads for the CPU-heavy work of one request (issue #23 §3).
// At most `size × perThread` tasks run at once; the rest wait in one queue, first come first
// served, so a burst from one learner waits its turn instead of stalling every other request on
// the main thread. Each thread has a heap limit (resourceLimits); a thread that crashes or runs out
// of memory is replaced, and the tasks it held fail with WORKER_FAILED.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { Fetcher } from "@/lib/badges/types";
import { deserializeError, serializeError } from "./errors";
import type { FromWorker, ToWorker } from "./entry";
import type { PortableRegistries, TaskName, Tasks } from "./tasks";

/** Where the worker's code comes from: the esbuild bundle, or the TypeScript entry through tsx. */
export type WorkerSource = { kind: "bundle"; file: string } | { kind: "ts"; file: string; root: string };

export const WORKER_BUNDLE = "sash-workers/worker.mjs";

/** The bundle in distDir when `next build` made one, else the TypeScript entry when the sources are here, else null. */
export function findWorkerSource(root: string, distDir: string): WorkerSource | null {
  const bundle = path.resolve(root, distDir, WORKER_BUNDLE);
  if (fs.existsSync(bundle)) return { kind: "bundle", file: bundle };
  const ts = path.join(root, "server/workers/entry.ts");
  if (fs.existsSync(ts) && fs.existsSync(path.join(root, "node_modules/tsx"))) return { kind: "ts", file: ts, root };
  return null;
}

export interface PoolOptions {
  size: number;
  /** Tasks one thread holds at once (one may wait on the network while another computes). */
  perThread?: number;
  memoryMb: number;
  source: WorkerSource;
}

interface Job {
  id: number;
  task: TaskName;
  args: unknown;
  fetcher?: Fetcher;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  registries: Set<number>;
  dead: boolean;
}

export class WorkerPool {
  readonly size: number;
  readonly perThread: number;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Threads replaced after a crash (tests, logs). */
  replaced = 0;
  /** Tasks a thread finished (answered or failed), by task: the proof work ran off the request thread. */
  readonly completed: Partial<Record<TaskName, number>> = {};

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, opts.size);
    this.perThread = Math.max(1, opts.perThread ?? 2);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** Tasks running now / waiting for a thread. */
  stats(): { threads: number; running: number; queued: number; limit: number } {
    const running = this.slots.reduce((n, s) => n + s.jobs.size, 0);
    return { threads: this.slots.length, running, queued: this.queue.length, limit: this.size * this.perThread };
  }

  run<K extends TaskName>(
    task: K,
    args: Tasks[K]["args"],
    opts: { fetcher?: Fetcher } = {},
  ): Promise<Tasks[K]["result"]> {
    if (this.closed) return Promise.reject(new AppError("WORKER_FAILED", "the worker pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, args, fetcher: opts.fetcher, resolve: resolve as never, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new AppError("WORKER_FAILED", "the worker pool closed"));
    await Promise.all(this.slots.map((s) => ((s.dead = true), s.worker.terminate())));
  }

  private spawn(): Slot {
    const { source, memoryMb } = this.opts;
    const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4) };
    let worker: Worker;
    if (source.kind === "bundle") worker = new Worker(source.file, { resourceLimits });
    else {
      // tsx's ESM API (its "import" export), found from the repository's own node_modules.
      const req = createRequire(path.join(source.root, "package.json"));
      const tsxRoot = path.dirname(req.resolve("tsx/package.json"));
      const tsx = pathToFileURL(path.join(tsxRoot, "dist/esm/api/index.mjs")).href;
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(source.file).href)}); })`;
      worker = new Worker(boot, { eval: true, resourceLimits });
    }
    const slot: Slot = { worker, jobs: new Map(), registries: new Set(), dead: false };
    worker.unref();
    worker.on("message", (m: FromWorker) => this.onMessage(slot, m));
    worker.on("error", (e) => this.onCrash(slot, e));
    worker.on("exit", (code) => this.onCrash(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === "ready") return;
    if (m.type === "fetch") {
      const job = slot.jobs.get(m.task);
      const answer = (msg: ToWorker) => !slot.dead && slot.worker.postMessage(msg);
      if (!job?.fetcher) {
        answer({ type: "fetched", id: m.id, error: serializeError(new Error("no fetcher for this task")) });
        return;
      }
      job.fetcher(m.url).then(
        (doc) => answer({ type: "fetched", id: m.id, doc }),
        (e: unknown) => answer({ type: "fetched", id: m.id, error: serializeError(e) }),
      );
      return;
    }
    const job = slot.jobs.get(m.id);
    if (!job) return;
    slot.jobs.delete(m.id);
    this.completed[job.task] = (this.completed[job.task] ?? 0) + 1;
    if (m.type === "done") job.resolve(m.result);
    else job.reject(deserializeError(m.error));
    if (slot.jobs.size === 0) slot.worker.unref();
    this.dispatch();
  }

  private onCrash(slot: Slot, cause: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    void slot.worker.terminate();
    for (const job of slot.jobs.values())
      job.reject(
        new AppError("WORKER_FAILED", `the worker thread stopped during ${job.task}: ${cause.message}`, {
          expose: true,
          status: 503,
          cause,
        }),
      );
    slot.jobs.clear();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) {
      this.slots[i] = this.spawn();
      this.replaced++;
      console.error(`sash: a worker thread stopped (${cause.message}); replaced`);
    }
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length) {
      let best: Slot | null = null;
      for (const s of this.slots)
        if (!s.dead && s.jobs.size < this.perThread && (!best || s.jobs.size < best.jobs.size)) best = s;
      if (!best) return;
      const job = this.queue.shift()!;
      let args = job.args;
      if (job.task === "verify") {
        // Registry documents go to each thread once per registry load.
        const r = (args as Tasks["verify"]["args"]).registries;
        if (r && r !== "default") {
          if (best.registries.has(r.id))
            args = { ...(args as object), registries: { id: r.id } satisfies PortableRegistries };
          else best.registries.add(r.id);
        }
      }
      best.jobs.set(job.id, job);
      best.worker.ref();
      best.worker.postMessage({ type: "run", id: job.id, task: job.task, args } satisfies ToWorker);
    }
  }
}
