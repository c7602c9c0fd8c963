// verifyCredential: runs the six checks of issue #4 over an unbaked record and
// combines them. Network only through the injected Fetcher; without one,
// everything that needs the issuer's website is reported as not checked.
// Issue #11: `valid` needs the issuer binding; work is bounded (limits.ts).
import type { ParsedCredential, Fetcher } from "../types";
import { verifyClr } from "./clr";
import { verifyEmbeddedProofs } from "./data-integrity";
import { verifyEndorsements } from "./endorsements";
import { checkExpiry } from "./expiry";
import { checkHosted, type LocalCopy } from "./hosted";
import { checkHostedOrigin, checkJwtIssuer, issuerDomain, KEY_ONLY_MESSAGE } from "./issuer";
import { applyJwtClaims, jwtClaims, verifyOb2Jws, verifyVcJwt } from "./jws";
import type { VerifyLimits } from "./limits";
import { checkRecipient, subjectProblem } from "./recipient";
import { checkCredentialSchema } from "./schema";
import { bundledIssuerRegistries, type IssuerRegistries, type KnownIssuer } from "./registries";
import { checkCredentialStatus, checkOb2RevocationList } from "./revocation";
import {
  CHECK_ORDER,
  type CheckId,
  type VerificationCheck,
  type VerificationReport,
  type VerificationResult,
} from "./types";
import { idOf, isHttpUrl, isObject, sameResource, str, Network, type Json, type Outcome } from "./util";

export interface VerifyOptions {
  fetcher?: Fetcher;
  /** The learner's email addresses, to match against the credential's recipient. */
  recipientEmails?: string[];
  /** The learner's own DIDs (their wallet's did:key): a subject id equal to one is issued to them (issue #22). */
  recipientDids?: string[];
  /** The time to check validity against (default: now). */
  now?: Date;
  /**
   * Known-issuer registries to look the issuer up in (default: the bundled snapshots of the
   * DCC registries, no network; server/net.ts passes SASH_ISSUER_REGISTRIES); null to skip the look-up.
   */
  registries?: IssuerRegistries | null;
  /** Per-verification limits (default VERIFY_LIMITS: 5 proofs, 5 status entries, 10 fetches, 15 s). */
  limits?: Partial<VerifyLimits>;
  /**
   * Data Integrity issuer binding with CredentialIssuancePurpose (default true). Off, the
   * issuer check is `skip` and the result can't be `valid`: only for measuring its cost.
   */
  issuerPurpose?: boolean;
  /**
   * Epoch ms the verification began (default: now). A CLR's nested credentials are verified on the
   * CLR's clock, so the deadline covers the whole record (clr.ts).
   */
  startedAt?: number;
  /**
   * Issue #20 format checks (default true): VC-JWT claims against the credential and https `kid`
   * binding (jws.ts), status lists bound to the issuer (revocation.ts), the subject id/identifier
   * rule and CLR subject ties (recipient.ts, clr.ts). Off only for bench/verify.ts's baseline.
   */
  formatChecks?: boolean;
}

type Checks = Record<CheckId, Outcome>;

/**
 * Issue #4 and #11: invalid if any check fails; valid only if the signature or the hosted
 * copy was confirmed AND the issuer check passed (the key or host is bound to the issuer);
 * else indeterminate. Issue #13: a credential that doesn't follow the JSON Schema it names
 * is malformed, never valid; alone that proves nothing forged, so it is indeterminate.
 */
export function overallResult(checks: VerificationCheck[]): VerificationResult {
  if (checks.some((c) => c.status === "fail" && c.id !== "schema")) return "invalid";
  if (checks.some((c) => c.id === "schema" && c.status === "fail")) return "indeterminate";
  // Issue #20: a status the credential declares but that couldn't be read is never "not revoked".
  if (checks.some((c) => c.id === "revocation" && c.status === "warn")) return "indeterminate";
  const confirmed = checks.some((c) => (c.id === "signature" || c.id === "hosted") && c.status === "pass");
  const bound = checks.some((c) => c.id === "issuer" && c.status === "pass");
  return confirmed && bound ? "valid" : "indeterminate";
}

function report(checks: Checks, now: Date, issuer?: VerificationReport["issuer"]): VerificationReport {
  const list = CHECK_ORDER.map((id) => ({ id, status: checks[id].status, message: checks[id].message }));
  const out: VerificationReport = { result: overallResult(list), checks: list, checkedAt: now.toISOString() };
  if (issuer) out.issuer = issuer;
  return out;
}

/**
 * The issuer profile as published at its own id: the only copy whose `verification`
 * policy and `publicKey` list Sash trusts (an embedded copy is whatever the badge says).
 */
async function publishedProfile(issuerId: string | null, net: Network): Promise<Json | null> {
  if (!isHttpUrl(issuerId)) return null;
  const got = await net.get(issuerId);
  if (got.kind === "ok" && isObject(got.json) && sameResource(str(got.json.id), issuerId)) return got.json;
  return null;
}

function parseJson(text: string): Json | null {
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, "").trim());
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

// ---- Open Badges 1.0 / 2.0 ------------------------------------------------------

async function loadLinked(value: unknown, net: Network): Promise<Json | null> {
  if (isObject(value)) return value;
  if (isHttpUrl(value)) {
    const got = await net.get(value);
    if (got.kind === "ok" && isObject(got.json)) return got.json;
  }
  return null;
}

/** The OB 1.0/2.0 assertion as the file carries it (baked or pasted JSON), with any BadgeClass and Issuer it embeds. */
function fileCopy(record: ParsedCredential): LocalCopy | null {
  if (record.source.encoding !== "json") return null;
  const assertion = parseJson(record.raw);
  if (!assertion) return null;
  const badgeClass = isObject(assertion.badge) ? assertion.badge : null;
  return { assertion, badgeClass, issuer: badgeClass && isObject(badgeClass.issuer) ? badgeClass.issuer : null };
}

/** The issuer id the issuer check compared against, filled in by the spec's verifier. */
type Bound = { issuerId: string | null; hostedUrl?: string | null };

async function verifyOb2(
  record: ParsedCredential,
  opts: Required<Pick<VerifyOptions, "recipientEmails" | "now">>,
  net: Network,
  bound: Bound,
): Promise<Checks> {
  const encoding = record.source.encoding;
  let assertion =
    record.documents.assertion ??
    (encoding === "json" ? parseJson(record.raw) : encoding === "jws" ? jwtClaims(record.raw.trim()) : null);
  const verification = isObject(assertion?.verification)
    ? (assertion!.verification as Json)
    : isObject(assertion?.verify)
      ? (assertion!.verify as Json)
      : {};
  const vType = String(verification.type ?? "").toLowerCase();
  const signed = encoding === "jws" || vType === "signed" || vType === "signedbadge";

  const checks = {} as Checks;
  /** The issuer's hosted assertion, when it was fetched (hosted badges only). */
  let fromHost: Json | null = null;
  checks.recipient = checkRecipient(record.recipient, opts.recipientEmails);
  checks.schema = { status: "skip", message: "Open Badges 1.0 and 2.0 badges don't name a JSON Schema to check." };

  if (signed) {
    const badgeClass = record.documents.badgeClass ?? (await loadLinked(assertion?.badge, net));
    const issuer = record.documents.issuer ?? (await loadLinked(badgeClass?.issuer, net));
    const issuerId = idOf(issuer) ?? idOf(badgeClass?.issuer) ?? record.issuer.id;
    bound.issuerId = issuerId;
    checks.hosted = {
      status: "skip",
      message: "This badge is signed rather than hosted, so there is no hosted copy to compare.",
    };
    if (encoding !== "jws") {
      checks.signature = {
        status: "warn",
        message:
          "The badge says it is signed, but the file holds only its contents without the signature, so it can't be checked.",
      };
      checks.issuer = { status: "skip", message: "Without the signature there is no key to compare with the issuer." };
      checks.revocation = await checkOb2RevocationList(str(assertion?.id), issuer, net);
    } else {
      const published = await publishedProfile(issuerId, net);
      const sig = await verifyOb2Jws(
        record.raw.trim(),
        { assertion: assertion ?? {}, issuer: published, issuerId },
        net,
      );
      checks.signature = { status: sig.status, message: sig.message };
      checks.issuer = sig.binding ?? {
        status: "skip",
        message: "The signing key couldn't be loaded, so it can't be compared with the issuer.",
      };
      checks.revocation = await checkOb2RevocationList(str(assertion?.id), published ?? issuer, net);
    }
  } else {
    checks.signature = {
      status: "skip",
      message:
        "This badge isn't signed; it is confirmed by comparing it with the copy on the issuer's website instead.",
    };
    const hostedUrl =
      (record.spec === "ob2" && isHttpUrl(assertion?.id) ? (assertion!.id as string) : null) ??
      (isHttpUrl(verification.url) ? (verification.url as string) : null) ??
      (isHttpUrl(assertion?.id) ? (assertion!.id as string) : null) ??
      (encoding === "url" && isHttpUrl(record.raw.trim()) ? record.raw.trim() : null);
    if (!hostedUrl) {
      checks.hosted = {
        status: "warn",
        message: "The badge doesn't say where the issuer hosts it, so it can't be confirmed.",
      };
      checks.revocation = {
        status: "warn",
        message: "Sash can't tell whether the badge was revoked because it doesn't say where the issuer hosts it.",
      };
      checks.issuer = { status: "skip", message: "There is no hosted address to compare with the issuer's website." };
    } else {
      bound.hostedUrl = hostedUrl;
      // Issue #20 §3: the hosted assertion, BadgeClass and Issuer are what is checked; the file's copy is compared.
      const hosted = await checkHosted(
        hostedUrl,
        fileCopy(record) ?? (assertion ? { assertion, badgeClass: null, issuer: null } : null),
        net,
      );
      checks.hosted = hosted.hosted;
      checks.revocation = hosted.revocation;
      if (hosted.document && hosted.body) {
        fromHost = hosted.document;
        checks.recipient = checkRecipient(hosted.body.recipient, opts.recipientEmails);
      }
      assertion = hosted.document ?? assertion;
      const badgeClass = hosted.document
        ? hosted.badgeClass
        : (record.documents.badgeClass ?? (await loadLinked(assertion?.badge, net)));
      const issuer = hosted.document
        ? hosted.issuer
        : (record.documents.issuer ?? (await loadLinked(badgeClass?.issuer, net)));
      const issuerId = idOf(issuer) ?? idOf(badgeClass?.issuer) ?? record.issuer.id;
      bound.issuerId = issuerId;
      const ob1Origin = isObject(badgeClass?.issuer) ? str((badgeClass!.issuer as Json).origin) : null;
      const badgeClassUrl = isHttpUrl(assertion?.badge)
        ? (assertion!.badge as string)
        : isHttpUrl(idOf(badgeClass))
          ? idOf(badgeClass)
          : null;
      checks.issuer = checkHostedOrigin(hostedUrl, badgeClassUrl, {
        profile: await publishedProfile(issuerId, net),
        issuerId,
        ob1Origin,
      });
    }
  }
  // The hosted copy's dates alone when it was fetched: a file that leaves out `expires` can't extend it.
  checks.expiry = checkExpiry(
    fromHost
      ? { from: [fromHost.issuedOn, fromHost.issued_on], until: [fromHost.expires] }
      : {
          from: [assertion?.issuedOn, assertion?.issued_on, record.issuedOn],
          until: [assertion?.expires, record.expires],
        },
    opts.now,
  );
  return checks;
}

// ---- Open Badges 3.0 ----------------------------------------------------------

async function verifyOb3(
  record: ParsedCredential,
  opts: Required<Pick<VerifyOptions, "recipientEmails" | "recipientDids" | "now" | "issuerPurpose" | "formatChecks">>,
  net: Network,
  bound: Bound,
): Promise<Checks> {
  const checks = {} as Checks;
  const isJwt = record.source.encoding === "vc-jwt";
  const claims = isJwt ? jwtClaims(record.raw.trim()) : null;
  const credential: Json | null = isJwt
    ? isObject(claims?.vc)
      ? (claims!.vc as Json)
      : claims
    : (parseJson(record.raw) ?? record.documents.assertion);
  if (!credential) {
    const none = { status: "skip" as const, message: "The credential's contents couldn't be read." };
    return {
      signature: {
        status: "fail",
        message: "The credential's contents couldn't be read, so its signature can't be checked.",
      },
      hosted: none,
      recipient: none,
      expiry: none,
      revocation: none,
      issuer: none,
      schema: none,
    };
  }
  const issuerId = idOf(credential.issuer) ?? record.issuer.id;
  bound.issuerId = issuerId;
  checks.hosted = {
    status: "skip",
    message: "Open Badges 3.0 credentials are confirmed by their signature, not by a hosted copy.",
  };
  checks.recipient = checkRecipient(record.recipient, opts.recipientEmails, opts.recipientDids);
  checks.schema = checkCredentialSchema(credential);
  // Issue #20: OB 3.0 §B.1.3 — a subject with neither id nor identifier isn't conformant (never valid).
  const noSubject = opts.formatChecks ? subjectProblem(credential) : null;
  if (noSubject) {
    checks.recipient = { status: "warn", message: noSubject };
    if (checks.schema.status !== "fail") checks.schema = { status: "fail", message: noSubject };
  }

  if (isJwt) {
    const sig = await verifyVcJwt(record.raw.trim(), net, { issuerId, binding: opts.formatChecks });
    checks.signature = { status: sig.status, message: sig.message };
    checks.issuer =
      sig.status === "pass"
        ? (sig.binding ?? checkJwtIssuer(issuerId, claims, sig))
        : {
            status: "skip",
            message: "The signature couldn't be confirmed, so the signing key can't be compared with the issuer.",
          };
  } else {
    const sig = await verifyEmbeddedProofs(credential, net, { issuerPurpose: opts.issuerPurpose });
    checks.signature = { status: sig.status, message: sig.message };
    checks.issuer = sig.issuer;
  }
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  checks.expiry = checkExpiry(
    {
      from: [credential.validFrom, credential.issuanceDate, num(claims?.nbf), record.issuedOn],
      until: [credential.validUntil, credential.expirationDate, num(claims?.exp), record.expires],
    },
    opts.now,
  );
  // Issue #20: the token's registered claims against the credential (jws.ts).
  if (isJwt && opts.formatChecks) Object.assign(checks, applyJwtClaims(claims, credential, opts.now, checks));
  checks.revocation = await checkCredentialStatus(credential, net, opts.now, opts.formatChecks);
  return checks;
}

function allChecks(status: Outcome["status"], message: string): Checks {
  return Object.fromEntries(CHECK_ORDER.map((id) => [id, { status, message }])) as Checks;
}

/** Verifies an unbaked credential check by check (issue #4). Never throws for bad credentials. */
export async function verifyCredential(
  record: ParsedCredential,
  opts: VerifyOptions = {},
): Promise<VerificationReport> {
  // Issue #13: a CLR 2.0 record is its own proof plus every nested credential on its own (clr.ts).
  if (record.spec === "clr2" && record.credentials) return verifyClr(record, opts, verifyCredential);
  const now = opts.now ?? new Date();
  const net = new Network(opts.fetcher, opts.limits, opts.startedAt);
  const o = {
    recipientEmails: opts.recipientEmails ?? [],
    recipientDids: opts.recipientDids ?? [],
    now,
    issuerPurpose: opts.issuerPurpose ?? true,
    formatChecks: opts.formatChecks ?? true,
  };
  let checks: Checks;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound: Bound = { issuerId: null };
  const work = (
    record.spec === "ob1" || record.spec === "ob2" ? verifyOb2(record, o, net, bound) : verifyOb3(record, o, net, bound)
  ).catch(() => {
    // A malformed credential must give a report, not crash an import; nothing was confirmed.
    return allChecks("warn", "Sash couldn't finish checking this credential because part of it is malformed.");
  });
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, net.deadline - Date.now()));
  });
  try {
    checks =
      (await Promise.race([work, deadline])) ??
      allChecks(
        "warn",
        `Sash stopped checking this credential after ${net.limits.deadlineMs / 1000} seconds, the most one verification may take. It can be checked again later.`,
      );
  } finally {
    clearTimeout(timer);
  }
  // Issue #20: how the bound issuer is identified — registry, domain, or key only (issuer.ts).
  let issuer: VerificationReport["issuer"];
  if (checks.issuer.status === "pass") {
    const registries = opts.registries === null ? null : (opts.registries ?? (await bundledIssuerRegistries()));
    const id = bound.issuerId;
    const known: KnownIssuer | null = registries?.lookup(id) ?? null;
    const domain = issuerDomain(id, bound.hostedUrl);
    const tier = known ? "registry" : domain ? "domain" : "key";
    issuer = { id, knownIssuer: known, tier, domain, claimedName: record.issuer.name?.trim() || null };
    const m = checks.issuer.message;
    if (known) checks.issuer = { status: "pass", message: `${m} Known issuer · ${known.registry}.` };
    else if (domain) checks.issuer = { status: "pass", message: `${m} Issued through ${domain}.` };
    else checks.issuer = { status: "warn", message: `${m} ${KEY_ONLY_MESSAGE}` };
  }
  const out = report(checks, now, issuer);
  // Issue #13: endorsements are checked apart; their outcomes never change `result`.
  if (record.endorsements?.length)
    out.endorsements = await verifyEndorsements(record, { fetcher: opts.fetcher, now, verify: verifyCredential });
  return out;
}

/** The report for a credential the learner typed in by hand: nothing from an issuer to check. */
export function manualEntryReport(now: Date = new Date()): VerificationReport {
  const message = "You entered this credential by hand, so there is nothing from the issuer to check.";
  const checks = Object.fromEntries(CHECK_ORDER.map((id) => [id, { status: "skip" as const, message }])) as Checks;
  return report(checks, now);
}
