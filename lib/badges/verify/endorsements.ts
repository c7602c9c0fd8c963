// Endorsements (issue #13 item 3): each one found on a credential is checked on
// its own, and its outcome is reported apart from the credential's checks, so
// an endorsement that can't be verified — or is proven wrong — never changes the
// credential's own result.
//   OB 3.0 EndorsementCredential (embedded, or `endorsementJwt`): the same
//     verification as any OB 3.0 credential (proofs, issuer binding, validity,
//     status), passed in as `verify` (verify.ts) so the modules don't import each other.
//   OB 2.0 Endorsement: hosted verification (OB 2.0 §Hosted Verification) — the
//     issuer's copy at its id must match, on the endorser's own website.
import { parsePayload } from "../payload";
import type { ParsedCredential, Endorsement, Fetcher } from "../types";
import { checkHosted } from "./hosted";
import { checkHostedOrigin } from "./issuer";
import type { VerifyLimits } from "./limits";
import type { EndorsementCheck, VerificationReport } from "./types";
import { isHttpUrl, isObject, sameResource, str, Network, type Json } from "./util";

/** Endorsements verified per credential; the rest are reported as not checked. */
export const MAX_VERIFIED_ENDORSEMENTS = 5;
/** Each endorsement's own budget: a few fetches and a short deadline. */
export const ENDORSEMENT_LIMITS: Partial<VerifyLimits> = { fetches: 4, deadlineMs: 5000 };

type VerifyFn = (
  record: ParsedCredential,
  opts: { fetcher?: Fetcher; now?: Date; registries: null; limits: Partial<VerifyLimits> },
) => Promise<VerificationReport>;

export interface EndorsementVerifyOptions {
  fetcher?: Fetcher;
  now?: Date;
  /** Verifies an OB 3.0 credential (verify.ts verifyCredential). */
  verify: VerifyFn;
}

/** Check messages speak of "the credential"; here the credential is the endorsement. */
function aboutEndorsement(message: string): string {
  return message
    .replace(/\bThis credential\b/g, "This endorsement")
    .replace(/\bthis credential\b/g, "this endorsement")
    .replace(/\bThe credential\b/g, "The endorsement")
    .replace(/\bthe credential\b/g, "the endorsement");
}

function readableJwt(text: string): boolean {
  try {
    return parsePayload(text).encoding === "vc-jwt";
  } catch {
    return false;
  }
}

function ob3Record(e: Endorsement): ParsedCredential | null {
  const doc = e.document;
  if (doc === null) return null;
  const isJwt = typeof doc === "string";
  if (isJwt && !readableJwt(doc)) return null;
  return {
    spec: "ob3",
    title: null,
    description: null,
    image: null,
    criteria: { narrative: null, url: null },
    issuer: { id: e.issuer.id, name: e.issuer.name, url: null, email: null, image: null },
    issuedOn: e.issuedOn,
    expires: null,
    recipient: null,
    skills: [],
    alignments: [],
    evidence: [],
    id: e.id,
    source: { container: null, encoding: isJwt ? "vc-jwt" : "json", keyword: null },
    unresolved: [],
    raw: isJwt ? doc : JSON.stringify(doc),
    documents: { assertion: isJwt ? null : doc, badgeClass: null, issuer: null },
  };
}

/** The credential checks that speak for the endorsement itself (not the recipient: an endorsement has none). */
const ENDORSEMENT_CHECKS = new Set(["signature", "issuer", "expiry", "revocation"]);

function fromReport(index: number, report: VerificationReport): EndorsementCheck {
  const relevant = report.checks.filter((c) => ENDORSEMENT_CHECKS.has(c.id));
  const failed = relevant.find((c) => c.status === "fail");
  if (failed) return { index, status: "failed", message: aboutEndorsement(failed.message) };
  if (report.result === "valid")
    return {
      index,
      status: "verified",
      message: "The endorser's signature is valid and made with a key the endorser controls.",
    };
  const why =
    relevant.find((c) => c.id === "signature" && c.status !== "pass") ??
    relevant.find((c) => c.id === "issuer" && c.status !== "pass") ??
    relevant.find((c) => c.status === "warn");
  return {
    index,
    status: "unverified",
    message: aboutEndorsement(why?.message ?? "Sash couldn't confirm who made this endorsement."),
  };
}

async function verifyOb2(index: number, e: Endorsement, fetcher: Fetcher | undefined): Promise<EndorsementCheck> {
  const doc = isObject(e.document) ? (e.document as Json) : null;
  const hostedUrl = isHttpUrl(doc?.id) ? (doc!.id as string) : isHttpUrl(e.id) ? e.id : null;
  const vType = String((isObject(doc?.verification) ? (doc!.verification as Json).type : "") ?? "").toLowerCase();
  if (vType === "signed" || vType === "signedbadge")
    return { index, status: "unverified", message: "Sash checks hosted endorsements only; this one is signed." };
  if (!hostedUrl)
    return {
      index,
      status: "unverified",
      message: "The endorsement doesn't say where its endorser hosts it, so it can't be confirmed.",
    };
  if (!fetcher)
    return { index, status: "unverified", message: "Sash was offline, so the endorser's copy couldn't be fetched." };
  const net = new Network(fetcher, ENDORSEMENT_LIMITS);
  const hosted = await checkHosted(hostedUrl, doc ? { assertion: doc, badgeClass: null, issuer: null } : null, net);
  const remote = (hosted.document ?? doc) as Json | null;
  if (hosted.hosted.status === "fail") return { index, status: "failed", message: aboutHosted(hosted.hosted.message) };
  // The hosted check compares ids and dates; an endorsement's claim is its point.
  const claim = (d: Json | null) => str(isObject(d?.claim) ? (d!.claim as Json).endorsementComment : null);
  if (hosted.document && claim(doc) !== null && claim(hosted.document) !== claim(doc))
    return {
      index,
      status: "failed",
      message: "The endorser's copy of this endorsement says something else, so this one was changed.",
    };
  if (hosted.revocation.status === "fail")
    return { index, status: "failed", message: "The endorser has withdrawn this endorsement." };
  if (hosted.hosted.status !== "pass")
    return { index, status: "unverified", message: aboutHosted(hosted.hosted.message) };
  // The copy must sit on the endorser's own website (or where its profile allows).
  const issuerId = str(isObject(remote?.issuer) ? (remote!.issuer as Json).id : remote?.issuer) ?? e.issuer.id;
  let profile: Json | null = isObject(remote?.issuer) ? (remote!.issuer as Json) : null;
  if (isHttpUrl(issuerId)) {
    const got = await net.get(issuerId);
    if (got.kind === "ok" && isObject(got.json) && sameResource(str(got.json.id), issuerId)) profile = got.json;
  }
  const origin = checkHostedOrigin(hostedUrl, null, { profile, issuerId, ob1Origin: null });
  if (origin.status === "fail") return { index, status: "failed", message: aboutHosted(origin.message) };
  if (origin.status !== "pass") return { index, status: "unverified", message: aboutHosted(origin.message) };
  return { index, status: "verified", message: "The endorser still hosts this endorsement on its own website." };
}

function aboutHosted(message: string): string {
  return message.replace(/\bthis badge\b/g, "this endorsement").replace(/\bThe badge\b/g, "The endorsement");
}

/**
 * One outcome per endorsement of `record.endorsements` (same order, `index` into it),
 * the first MAX_VERIFIED_ENDORSEMENTS checked concurrently. Never throws.
 */
export async function verifyEndorsements(
  record: ParsedCredential,
  opts: EndorsementVerifyOptions,
): Promise<EndorsementCheck[]> {
  const list = record.endorsements ?? [];
  return Promise.all(
    list.map(async (e, index): Promise<EndorsementCheck> => {
      if (index >= MAX_VERIFIED_ENDORSEMENTS)
        return {
          index,
          status: "unverified",
          message: `Sash checks the first ${MAX_VERIFIED_ENDORSEMENTS} endorsements of a credential; this one wasn't checked.`,
        };
      try {
        if (e.format === "ob2") return await verifyOb2(index, e, opts.fetcher);
        const rec = ob3Record(e);
        if (!rec) return { index, status: "unverified", message: "The endorsement's contents couldn't be read." };
        const report = await opts.verify(rec, {
          fetcher: opts.fetcher,
          now: opts.now,
          registries: null,
          limits: ENDORSEMENT_LIMITS,
        });
        return fromReport(index, report);
      } catch {
        return { index, status: "unverified", message: "Sash couldn't finish checking this endorsement." };
      }
    }),
  );
}
