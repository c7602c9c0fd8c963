// The CPU-heavy steps a request may hand to the worker pool (issue #23 §3). Each takes and returns
// structured-clone data only; the same functions run in the worker (entry.ts) and, with the pool
// off, on the calling thread. A task that needs the network asks its caller through `ctx.fetcher`
// (the SSRF-safe fetcher stays on the main thread, with its caches and policy).
import { scrypt as scryptCb, scryptSync } from "node:crypto";
import {
  hash as argon2Hash,
  hashSync as argon2HashSync,
  verify as argon2Verify,
  verifySync as argon2VerifySync,
} from "@node-rs/argon2";
import { threadId } from "node:worker_threads";
import type { Fetcher, ParsedCredential } from "@/lib/badges/types";
import { verifyCredential, type VerifyOptions } from "@/lib/badges/verify/verify";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { IssuerRegistries, type LoadedRegistryDocument } from "@/lib/badges/verify/registries";
import { readZip, writeZip, type ZipLimits } from "@/lib/portfolio/zip";
import { toPublicImage, type PublicImage } from "@/lib/share/image";
import { publicBadgeImage } from "@/lib/share/public-badge";
import {
  decodeFitSnapshot,
  encodeFitSnapshot,
  type DecodedFitSnapshot,
  type FitSnapshotMeta,
} from "@/lib/fit/snapshot";
import type { RankIndexParts } from "@/lib/fit/rank-index";
import type { TextIndexParts } from "@/lib/fit/text-index";

/** Verification options that cross the thread boundary (fetcher and registries travel apart). */
export type PortableVerifyOptions = Omit<VerifyOptions, "fetcher" | "registries">;

/** Registries as documents, with an id so a worker builds each set once. */
export interface PortableRegistries {
  id: number;
  documents?: LoadedRegistryDocument[];
}

export interface TaskContext {
  fetcher?: Fetcher;
  /** In a worker: builds (once per id) the registries from documents. */
  registries?: (r: PortableRegistries) => Promise<IssuerRegistries>;
  inWorker: boolean;
}

export interface Tasks {
  verify: {
    args: {
      record: ParsedCredential;
      options: PortableVerifyOptions;
      registries: PortableRegistries | null | "default";
      fetch: boolean;
    };
    result: VerificationReport;
  };
  scrypt: {
    args: { password: string; salt: Uint8Array; keylen: number; N: number; r: number; p: number };
    result: Uint8Array;
  };
  /** An argon2id password hash in PHC form (server/auth/password.ts picks the costs) … */
  argon2Hash: { args: { password: string; memoryCost: number; timeCost: number; parallelism: number }; result: string };
  /** … and whether a password matches one (the costs come from the stored string). */
  argon2Verify: { args: { password: string; hash: string }; result: boolean };
  readZip: { args: { bytes: Uint8Array; limits: ZipLimits }; result: Map<string, Uint8Array> };
  writeZip: { args: { entries: Array<{ path: string; bytes: Uint8Array }>; mtime: Date }; result: Uint8Array };
  publicImage: { args: { mime: string | null; bytes: Uint8Array; baked: boolean }; result: PublicImage | null };
  /** lib/share/public-badge: a share link's picture of a stored badge file (baked data stripped). */
  publicBadgeImage: { args: { mimeType: string; bytes: Uint8Array; baked: boolean }; result: PublicImage | null };
  /** lib/fit/snapshot: the fit index's snapshot written (varint packing of a million postings' lists) … */
  encodeFitSnapshot: {
    args: { meta: FitSnapshotMeta; rank: RankIndexParts; text: TextIndexParts };
    result: Uint8Array;
  };
  /** … and read back and checked (checksum, sections, varints) while searches go on. */
  decodeFitSnapshot: { args: { bytes: Uint8Array }; result: DecodedFitSnapshot };
  /** For tests: the thread it ran on; `spin` blocks it for that many loop turns; `crash` ends the thread. */
  probe: { args: { spin?: number; crash?: boolean; throwCode?: string }; result: { threadId: number } };
}

export type TaskName = keyof Tasks;

type Impl = { [K in TaskName]: (args: Tasks[K]["args"], ctx: TaskContext) => Promise<Tasks[K]["result"]> };

export const TASKS: Impl = {
  async verify(a, ctx) {
    const registries =
      a.registries === "default" ? undefined : a.registries === null ? null : await ctx.registries!(a.registries);
    return verifyCredential(a.record, { ...a.options, fetcher: a.fetch ? ctx.fetcher : undefined, registries });
  },
  async scrypt(a, ctx) {
    const opts = { N: a.N, r: a.r, p: a.p, maxmem: 128 * a.N * a.r * 2 };
    // In a worker the hash holds that thread (the pool bounds how many run at once, in arrival order)
    // instead of libuv's 4-thread pool, which file reads and DNS of every other request share.
    if (ctx.inWorker) return new Uint8Array(scryptSync(a.password, a.salt, a.keylen, opts));
    return new Promise((resolve, reject) =>
      scryptCb(a.password, a.salt, a.keylen, opts, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key)))),
    );
  },
  async argon2Hash(a, ctx) {
    const opts = { memoryCost: a.memoryCost, timeCost: a.timeCost, parallelism: a.parallelism };
    // As for scrypt: in a worker the hash holds that thread; otherwise it goes to libuv's pool.
    return ctx.inWorker ? argon2HashSync(a.password, opts) : argon2Hash(a.password, opts);
  },
  async argon2Verify(a, ctx) {
    return ctx.inWorker ? argon2VerifySync(a.hash, a.password) : argon2Verify(a.hash, a.password);
  },
  async readZip(a) {
    return readZip(a.bytes, a.limits);
  },
  async writeZip(a) {
    const b = await writeZip(a.entries, a.mtime);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  async publicImage(a) {
    return toPublicImage(a);
  },
  async publicBadgeImage(a) {
    return publicBadgeImage(a);
  },
  async encodeFitSnapshot(a) {
    return encodeFitSnapshot(a.meta, a.rank, a.text);
  },
  async decodeFitSnapshot(a) {
    return decodeFitSnapshot(a.bytes);
  },
  async probe(a) {
    if (a.crash) process.exit(70);
    if (a.throwCode) {
      const { AppError } = await import("@/lib/errors");
      throw new AppError(a.throwCode as never, `probe ${a.throwCode}`, { expose: true, status: 422 });
    }
    let x = 0;
    for (let i = 0; i < (a.spin ?? 0); i++) x += Math.sqrt(i);
    return { threadId: threadId + (x < 0 ? 1 : 0) };
  },
};

/** Registries a worker built, by id (a new id per registry load in the main thread). */
export function registryCache(): (r: PortableRegistries) => Promise<IssuerRegistries> {
  const cache = new Map<number, Promise<IssuerRegistries>>();
  return (r) => {
    let got = cache.get(r.id);
    if (!got) {
      if (!r.documents) throw new Error(`registries ${r.id} sent without documents`);
      got = IssuerRegistries.fromDocuments(r.documents);
      cache.clear(); // only the newest set is used
      cache.set(r.id, got);
    }
    return got;
  };
}
