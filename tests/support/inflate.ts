// Counts the work node:zlib's synchronous decompressors do, for tests that assert
// "refused without inflating" or "inflated no more than the header allows" on the
// bytes actually produced rather than on how long it took. Every call goes
// through to the real zlib; the wrapper only records it. Named ESM imports
// (`import { inflateSync } from "node:zlib"`) see the wrapper too:
// syncBuiltinESMExports updates them.
import { syncBuiltinESMExports } from "node:module";
import zlib from "node:zlib";

const NAMES = ["inflateSync", "inflateRawSync", "unzipSync", "gunzipSync", "brotliDecompressSync"] as const;
type Name = (typeof NAMES)[number];

export interface InflateCall {
  fn: Name;
  /** Compressed bytes given. */
  input: number;
  /** The caller's cap (maxOutputLength), if any. */
  maxOutputLength?: number;
  /** Bytes returned; for a call stopped by its cap, the cap (what zlib produced before stopping). */
  output: number;
  /** The error code when the call threw (e.g. ERR_BUFFER_TOO_LARGE). */
  error?: string;
}

export interface InflateCounter {
  readonly calls: InflateCall[];
  /** Total bytes the decompressors produced. */
  bytes(): number;
  restore(): void;
}

function byteLength(x: unknown): number {
  if (typeof x === "string") return Buffer.byteLength(x);
  return (x as { byteLength?: number } | null)?.byteLength ?? 0;
}

export function countInflate(): InflateCounter {
  const calls: InflateCall[] = [];
  const z = zlib as unknown as Record<Name, (buf: unknown, opts?: { maxOutputLength?: number }) => Buffer>;
  const originals = new Map<Name, (typeof z)[Name]>();
  for (const name of NAMES) {
    const original = z[name];
    originals.set(name, original);
    z[name] = function (buf, opts) {
      const call: InflateCall = { fn: name, input: byteLength(buf), maxOutputLength: opts?.maxOutputLength, output: 0 };
      calls.push(call);
      try {
        const out = original.call(zlib, buf, opts);
        call.output = out.byteLength;
        return out;
      } catch (e) {
        call.error = (e as { code?: string }).code ?? (e as Error).name;
        if (call.error === "ERR_BUFFER_TOO_LARGE") call.output = opts?.maxOutputLength ?? 0;
        throw e;
      }
    };
  }
  syncBuiltinESMExports();
  return {
    calls,
    bytes: () => calls.reduce((n, c) => n + c.output, 0),
    restore: () => {
      for (const [name, fn] of originals) z[name] = fn;
      syncBuiltinESMExports();
    },
  };
}
