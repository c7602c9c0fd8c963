// Where the fit index's snapshot (lib/fit/snapshot.ts, issue #23 §2) is kept: a file in the data
// folder on one machine (the embedded database), or rows of fit_index_snapshots on PostgreSQL so
// every instance can start from it. server/jobs/fit-index.ts reads it before a full load and writes
// it in the background after one; server/startup.ts picks the store (SASH_FIT_SNAPSHOT).
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import {
  latestFitSnapshot,
  newestFitSnapshotVersion,
  readFitSnapshotBytes,
  writeFitSnapshot,
} from "@/db/queries/jobs/fit-snapshot";
import { FIT_SNAPSHOT_FORMAT, peekFitSnapshot, type FitSnapshotMeta } from "@/lib/fit/snapshot";

/** What a reader can use: the catalogue's epoch, and versions from the pruned log's start up to now. */
export interface SnapshotWant {
  epoch: string;
  minVersion: number;
  maxVersion: number;
}

export interface FitSnapshotStore {
  /** "file <path>" or "database", for logs. */
  readonly where: string;
  /** The stored snapshot's bytes when it may fit `want` (the caller decodes and checks it), else null. */
  read(want: SnapshotWant): Promise<Uint8Array | null>;
  /** Whether a snapshot at least as new as `meta` is stored already (a writer then skips its write). */
  has(meta: FitSnapshotMeta): Promise<boolean>;
  write(bytes: Uint8Array, meta: FitSnapshotMeta): Promise<void>;
}

const fits = (m: { epoch: string; version: number }, want: SnapshotWant) =>
  m.epoch === want.epoch && m.version >= want.minVersion && m.version <= want.maxVersion;

/** One file (in the data folder), replaced atomically: written to a temp file beside it, then renamed over it. */
export function fileSnapshotStore(file: string): FitSnapshotStore {
  const peek = async (): Promise<FitSnapshotMeta | null> => {
    let fh: fs.FileHandle | undefined;
    try {
      fh = await fs.open(file, "r");
      const head = new Uint8Array(64 * 1024);
      const { bytesRead } = await fh.read(head, 0, head.byteLength, 0);
      return peekFitSnapshot(head.subarray(0, bytesRead));
    } catch {
      return null;
    } finally {
      await fh?.close();
    }
  };
  return {
    where: `file ${file}`,
    async read(want) {
      const meta = await peek();
      if (!meta || !fits(meta, want)) return null;
      try {
        const buf = await fs.readFile(file);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch {
        return null;
      }
    },
    async has(meta) {
      const m = await peek();
      return !!m && m.epoch === meta.epoch && m.version >= meta.version;
    },
    async write(bytes) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await fs.writeFile(tmp, bytes);
        await fs.rename(tmp, file);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
    },
  };
}

/** Rows of fit_index_snapshots in the database itself (PostgreSQL: shared by every instance). */
export function databaseSnapshotStore(db: Db): FitSnapshotStore {
  return {
    where: "database",
    async read(want) {
      const s = await latestFitSnapshot(db, { format: FIT_SNAPSHOT_FORMAT, ...want });
      return s ? readFitSnapshotBytes(db, s) : null;
    },
    async has(meta) {
      return (await newestFitSnapshotVersion(db, FIT_SNAPSHOT_FORMAT, meta.epoch)) >= meta.version;
    },
    async write(bytes, meta) {
      await writeFitSnapshot(db, { format: FIT_SNAPSHOT_FORMAT, epoch: meta.epoch, version: meta.version, bytes });
    },
  };
}

// Per database handle, on globalThis (Next.js may load this module once per bundle).
const stores = ((
  globalThis as unknown as { __sashFitSnapshotStores?: WeakMap<Db, FitSnapshotStore> }
).__sashFitSnapshotStores ??= new WeakMap());

/** Where this handle's fit index keeps its snapshot; null: no snapshots (every start is a full load). */
export function setFitSnapshotStore(db: Db, store: FitSnapshotStore | null): void {
  if (store) stores.set(db, store);
  else stores.delete(db);
}

export function fitSnapshotStoreOf(db: Db): FitSnapshotStore | null {
  return stores.get(db) ?? null;
}

/** The store the deployment can reach: the data folder's file for the embedded database, else the database. */
export function defaultFitSnapshotStore(
  db: Db,
  kind: "pglite" | "postgres" | "vercel",
  dataDir: string,
): FitSnapshotStore {
  return kind === "pglite" ? fileSnapshotStore(path.join(dataDir, "fit-index.snapshot")) : databaseSnapshotStore(db);
}
