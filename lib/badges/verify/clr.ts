// CLR 2.0 verification (issue #13): the ClrCredential's own proof (Data Integrity or VC-JWT, with the
// usual issuer binding) and every nested credential on its own, against its own issuer.
//
// Limits (limits.ts) for a learner record with many nested credentials:
// - time: ONE deadline for the whole record, CLR_LIMITS.deadlineMs from the start of its verification
//   (the record's own proof alone canonicalises every nested credential again, so a record of 50 costs
//   several single verifications); a caller's own `limits.deadlineMs` applies to the whole record instead;
//   nested credentials not finished by then are reported as not checked;
// - proofs and status entries: each nested credential is a credential of its own and has its own
//   budget (at most MAX_CLR_CREDENTIALS of them, so the total stays bounded);
// - fetches: the record and its nested credentials share one cache (each URL is fetched once per
//   record) and CLR_LIMITS.fetches distinct fetches in all, besides each one's own per-credential limit.
// Nested credentials are verified CLR_LIMITS.concurrency at a time, beside the record's own proof.
import type { ParsedCredential, FetchedDocument, Fetcher } from "../types";
import { CLR_LIMITS } from "./limits";
import { checkSubjectTie } from "./recipient";
import { CHECK_ORDER, type VerificationReport, type VerificationResult } from "./types";
import { withoutFragment } from "./util";
import type { VerifyOptions } from "./verify";

type Verify = (record: ParsedCredential, opts: VerifyOptions) => Promise<VerificationReport>;
type NestedReport = NonNullable<VerificationReport["credentials"]>[number];

/** One cache and one distinct-fetch budget for a record and all its nested credentials. */
function sharedFetcher(fetcher: Fetcher, max: number): Fetcher {
  const cache = new Map<string, Promise<FetchedDocument>>();
  return (url: string) => {
    const key = withoutFragment(url);
    let p = cache.get(key);
    if (!p) {
      if (cache.size >= max) {
        const err = Object.assign(new Error(`A learner record may fetch at most ${max} documents.`), {
          code: "FETCH_LIMIT",
        });
        return Promise.reject(err);
      }
      p = fetcher(url);
      cache.set(key, p);
    }
    return p;
  };
}

/** Runs `task` over `items`, `size` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], size: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

function notStarted(rec: ParsedCredential, deadlineMs: number): NestedReport {
  const message = `Sash stopped checking this learner record after ${deadlineMs / 1000} seconds, the most one verification may take, before it reached this credential. It can be checked again later.`;
  return {
    id: rec.id,
    title: rec.title,
    result: "indeterminate",
    checks: CHECK_ORDER.map((id) => ({ id, status: "warn", message })),
  };
}

/**
 * Issue #20: a nested credential counts for the record only when it is about the record's subject
 * (recipient.ts checkSubjectTie). When it isn't tied, its recipient check says so (`warn`, or a
 * recipient `fail` it already had is kept) and it can't be valid.
 */
function tiedToRecord(record: ParsedCredential, rec: ParsedCredential, report: NestedReport): NestedReport {
  const tie = checkSubjectTie(record.recipient, rec.recipient);
  if (tie.status === "pass") return report;
  const checks = report.checks.map((c) =>
    c.id === "recipient" && c.status !== "fail" ? { ...c, status: tie.status, message: tie.message } : c,
  );
  return { ...report, checks, result: report.result === "valid" ? "indeterminate" : report.result };
}

/** valid only when the record's own proof and every nested credential are valid; invalid when any is. */
export function clrResult(own: VerificationResult, nested: VerificationResult[]): VerificationResult {
  if (own === "invalid" || nested.includes("invalid")) return "invalid";
  if (own === "valid" && nested.every((r) => r === "valid")) return "valid";
  return "indeterminate";
}

/**
 * Verifies a CLR 2.0 record: `verify` is verifyCredential (passed in, so this module doesn't import
 * it back). The report's checks are the record's own; `credentials` holds one entry per nested
 * credential in document order; `result` combines them (clrResult).
 */
export async function verifyClr(
  record: ParsedCredential,
  opts: VerifyOptions,
  verify: Verify,
): Promise<VerificationReport> {
  const startedAt = opts.startedAt ?? Date.now();
  const deadlineMs = opts.limits?.deadlineMs ?? CLR_LIMITS.deadlineMs;
  const shared: VerifyOptions = {
    ...opts,
    startedAt,
    limits: { ...opts.limits, deadlineMs },
    fetcher: opts.fetcher ? sharedFetcher(opts.fetcher, CLR_LIMITS.fetches) : undefined,
  };
  const nested = record.credentials ?? [];
  const own = verify({ ...record, credentials: undefined }, shared);
  const reports = pool(nested, CLR_LIMITS.concurrency, async (rec): Promise<NestedReport> => {
    // Each nested verification runs on the record's clock, so none outlives the record's deadline.
    if (Date.now() >= startedAt + deadlineMs) return notStarted(rec, deadlineMs);
    const report = await verify(rec, shared);
    const out: NestedReport = { id: rec.id, title: rec.title, result: report.result, checks: report.checks };
    return opts.formatChecks === false ? out : tiedToRecord(record, rec, out);
  });
  const [out, credentials] = await Promise.all([own, reports]);
  return {
    ...out,
    result: clrResult(
      out.result,
      credentials.map((c) => c.result),
    ),
    credentials,
  };
}
