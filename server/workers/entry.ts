// The worker thread (issue #23 §3): runs TASKS for the pool in server/workers/pool.ts. Loaded as an
// esbuild bundle (scripts/build-workers.mjs, built with `next build`) or, where none exists, as this
// TypeScript file through tsx's loader. Network reads go back to the main thread ("fetch" messages).
import { parentPort } from "node:worker_threads";
import type { FetchedDocument } from "@/lib/badges/types";
import { deserializeError, serializeError, type SerializedError } from "./errors";
import { registryCache, TASKS, type TaskName } from "./tasks";

export type ToWorker =
  | { type: "run"; id: number; task: TaskName; args: unknown }
  | { type: "fetched"; id: number; doc?: FetchedDocument; error?: SerializedError };

export type FromWorker =
  | { type: "ready" }
  | { type: "done"; id: number; result: unknown }
  | { type: "failed"; id: number; error: SerializedError }
  | { type: "fetch"; id: number; task: number; url: string };

const port = parentPort!;
const registries = registryCache();
const pendingFetches = new Map<number, { resolve: (d: FetchedDocument) => void; reject: (e: Error) => void }>();
let nextFetch = 1;

function fetcherFor(task: number) {
  return (url: string) =>
    new Promise<FetchedDocument>((resolve, reject) => {
      const id = nextFetch++;
      pendingFetches.set(id, { resolve, reject });
      port.postMessage({ type: "fetch", id, task, url } satisfies FromWorker);
    });
}

port.on("message", (m: ToWorker) => {
  if (m.type === "fetched") {
    const p = pendingFetches.get(m.id);
    pendingFetches.delete(m.id);
    if (!p) return;
    if (m.error) p.reject(deserializeError(m.error));
    else p.resolve(m.doc!);
    return;
  }
  const run = TASKS[m.task] as (a: unknown, ctx: Parameters<(typeof TASKS)["verify"]>[1]) => Promise<unknown>;
  run(m.args, { fetcher: fetcherFor(m.id), registries, inWorker: true }).then(
    (result) => port.postMessage({ type: "done", id: m.id, result } satisfies FromWorker),
    (e: unknown) => port.postMessage({ type: "failed", id: m.id, error: serializeError(e) } satisfies FromWorker),
  );
});

port.postMessage({ type: "ready" } satisfies FromWorker);
