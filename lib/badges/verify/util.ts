// Small helpers shared by the checks: JSON shapes, fetching through the
// injected Fetcher, dates and multibase.
import type { Fetcher } from "../types";
import { VERIFY_LIMITS, type VerifyLimits } from "./limits";
import type { CheckStatus } from "./types";

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function asArray<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

/** `id` of an object, or the string itself. */
export function idOf(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (isObject(v)) return str(v.id);
  return null;
}

export function isHttpUrl(v: unknown): v is string {
  return typeof v === "string" && /^https?:\/\//i.test(v);
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function withoutFragment(url: string): string {
  const i = url.indexOf("#");
  return i === -1 ? url : url.slice(0, i);
}

/** OB 2.0 issuers mix http:// and https:// for the same document (SOURCES gotcha 15). */
export function sameResource(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const norm = (u: string) =>
    u
      .trim()
      .replace(/^https?:\/\//i, "//")
      .replace(/\/+$/, "");
  return norm(a) === norm(b);
}

export interface Outcome {
  status: CheckStatus;
  message: string;
}

// ---- Fetching -----------------------------------------------------------------

export type FetchOutcome =
  | { kind: "ok"; url: string; status: number; text: string; json: unknown }
  | { kind: "http"; url: string; status: number; text: string }
  | { kind: "offline" }
  | { kind: "unreachable"; reason: string }
  /** A per-verification limit stopped the request before it was made. */
  | { kind: "limit"; limit: "fetches" | "deadline"; max: number };

/**
 * One fetcher per verification, with each URL fetched at most once, and the
 * verification's budget: distinct fetches, proofs, and one deadline.
 */
export class Network {
  private readonly cache = new Map<string, Promise<FetchOutcome>>();
  readonly limits: VerifyLimits;
  private fetchesMade = 0;
  private proofsUsed = 0;
  /** Epoch ms after which nothing more is fetched. */
  readonly deadline: number;
  constructor(
    private readonly fetcher: Fetcher | undefined,
    limits: Partial<VerifyLimits> = {},
    start = Date.now(),
  ) {
    this.limits = { ...VERIFY_LIMITS, ...limits };
    this.deadline = start + this.limits.deadlineMs;
  }

  get online(): boolean {
    return this.fetcher !== undefined;
  }

  get expired(): boolean {
    return Date.now() >= this.deadline;
  }

  /** Takes `n` proofs from the budget; false (and nothing taken) when that would pass the limit. */
  takeProofs(n: number): boolean {
    if (this.proofsUsed + n > this.limits.proofs) return false;
    this.proofsUsed += n;
    return true;
  }

  get(url: string): Promise<FetchOutcome> {
    const key = withoutFragment(url);
    let p = this.cache.get(key);
    if (!p) {
      if (this.fetcher && this.expired)
        return Promise.resolve({ kind: "limit", limit: "deadline", max: this.limits.deadlineMs });
      if (this.fetcher && this.fetchesMade >= this.limits.fetches)
        return Promise.resolve({ kind: "limit", limit: "fetches", max: this.limits.fetches });
      if (this.fetcher) this.fetchesMade++;
      p = this.load(key);
      this.cache.set(key, p);
    }
    return p;
  }

  private async load(url: string): Promise<FetchOutcome> {
    if (!this.fetcher) return { kind: "offline" };
    try {
      const doc = await this.fetcher(url);
      if (doc.status < 200 || doc.status >= 300)
        return { kind: "http", url: doc.url, status: doc.status, text: doc.text };
      let json: unknown = undefined;
      try {
        json = JSON.parse(doc.text.replace(/^\uFEFF/, ""));
      } catch {
        json = undefined;
      }
      return { kind: "ok", url: doc.url, status: doc.status, text: doc.text, json };
    } catch (err) {
      const code = (err as { code?: unknown })?.code;
      return { kind: "unreachable", reason: typeof code === "string" ? code : "FETCH_FAILED" };
    }
  }
}

/** A sentence fragment explaining why a URL gave us nothing usable. */
export function describeFailure(outcome: FetchOutcome, what: string): string {
  switch (outcome.kind) {
    case "offline":
      return `Sash is working offline, so it couldn't fetch ${what}.`;
    case "unreachable":
      return `Sash couldn't reach ${what} (${outcome.reason}).`;
    case "http":
      return `Fetching ${what} failed: the server answered HTTP ${outcome.status}.`;
    case "limit":
      return outcome.limit === "deadline"
        ? `Sash stopped fetching ${what}: one verification may take at most ${outcome.max / 1000} seconds.`
        : `Sash didn't fetch ${what}: one verification may fetch at most ${outcome.max} documents.`;
    case "ok":
      return `${capitalise(what)} isn't valid JSON.`;
  }
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- Dates --------------------------------------------------------------------

/** Parses ISO 8601 strings, date-only strings and unix seconds (OB 1.0). */
export function parseDate(v: unknown): Date | null {
  if (typeof v === "number" && Number.isFinite(v)) return new Date(v * 1000);
  if (typeof v !== "string" || !v.trim()) return null;
  const s = v.trim();
  if (/^\d{9,11}$/.test(s)) return new Date(Number(s) * 1000);
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// ---- Encodings ----------------------------------------------------------------

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const B58_MAP = new Map([...B58].map((c, i) => [c, i]));

export function base58btcDecode(s: string): Uint8Array {
  const bytes: number[] = [0];
  for (const ch of s) {
    const v = B58_MAP.get(ch);
    if (v === undefined) throw new Error("Not base58btc.");
    let carry = v;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < s.length && s[zeros] === "1") zeros++;
  const out = bytes.reverse();
  while (out.length > 1 && out[0] === 0) out.shift();
  if (s.length === zeros) return new Uint8Array(zeros);
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...(out[0] === 0 ? [] : out)]);
}

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
