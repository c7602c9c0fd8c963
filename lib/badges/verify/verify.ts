// verifyCredential: runs the six checks of issue #4 over an unbaked record and
// combines them. Network only through the injected Fetcher; without one,
// everything that needs the issuer's website is reported as not checked.
import type { BadgeRecord, Fetcher } from "../types";
import { verifyEmbeddedProofs } from "./data-integrity";
import { checkExpiry } from "./expiry";
import { checkHosted } from "./hosted";
import { checkHostedOrigin, checkOb2KeyOwner, checkOb3Signer } from "./issuer";
import { jwtClaims, verifyOb2Jws, verifyVcJwt } from "./jws";
import { checkRecipient } from "./recipient";
import { checkCredentialStatus, checkOb2RevocationList } from "./revocation";
import { CHECK_ORDER, type CheckId, type VerificationCheck, type VerificationReport, type VerificationResult } from "./types";
import { idOf, isHttpUrl, isObject, str, Network, type Json, type Outcome } from "./util";

export interface VerifyOptions {
  fetcher?: Fetcher;
  /** The learner's email addresses, to match against the credential's recipient. */
  recipientEmails?: string[];
  /** The time to check validity against (default: now). */
  now?: Date;
}

type Checks = Record<CheckId, Outcome>;

/** Issue #4: invalid if any check fails; valid if the signature or the hosted copy was confirmed; else indeterminate. */
export function overallResult(checks: VerificationCheck[]): VerificationResult {
  if (checks.some((c) => c.status === "fail")) return "invalid";
  const confirmed = checks.some((c) => (c.id === "signature" || c.id === "hosted") && c.status === "pass");
  return confirmed ? "valid" : "indeterminate";
}

function report(checks: Checks, now: Date): VerificationReport {
  const list = CHECK_ORDER.map((id) => ({ id, status: checks[id].status, message: checks[id].message }));
  return { result: overallResult(list), checks: list, checkedAt: now.toISOString() };
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

async function verifyOb2(record: BadgeRecord, opts: Required<Pick<VerifyOptions, "recipientEmails" | "now">>, net: Network): Promise<Checks> {
  const encoding = record.source.encoding;
  let assertion = record.documents.assertion ?? (encoding === "json" ? parseJson(record.raw) : encoding === "jws" ? jwtClaims(record.raw.trim()) : null);
  const verification = isObject(assertion?.verification) ? (assertion!.verification as Json) : isObject(assertion?.verify) ? (assertion!.verify as Json) : {};
  const vType = String(verification.type ?? "").toLowerCase();
  const signed = encoding === "jws" || vType === "signed" || vType === "signedbadge";

  const checks = {} as Checks;
  checks.recipient = checkRecipient(record.recipient, opts.recipientEmails);

  if (signed) {
    const badgeClass = record.documents.badgeClass ?? (await loadLinked(assertion?.badge, net));
    const issuer = record.documents.issuer ?? (await loadLinked(badgeClass?.issuer, net));
    const issuerId = idOf(issuer) ?? idOf(badgeClass?.issuer) ?? record.issuer.id;
    checks.hosted = { status: "skip", message: "This badge is signed rather than hosted, so there is no hosted copy to compare." };
    if (encoding !== "jws") {
      checks.signature = { status: "warn", message: "The badge says it is signed, but the file holds only its contents without the signature, so it can't be checked." };
      checks.issuer = { status: "skip", message: "Without the signature there is no key to compare with the issuer." };
      checks.revocation = await checkOb2RevocationList(str(assertion?.id), issuer, net);
    } else {
      const sig = await verifyOb2Jws(record.raw.trim(), { assertion: assertion ?? {}, issuer, issuerId }, net);
      checks.signature = sig;
      checks.issuer = sig.keySource === "ob2-key" ? checkOb2KeyOwner(sig.keyController, issuerId) : { status: "skip", message: "The signing key couldn't be loaded, so it can't be compared with the issuer." };
      checks.revocation = await checkOb2RevocationList(str(assertion?.id), issuer, net);
    }
  } else {
    checks.signature = { status: "skip", message: "This badge isn't signed; it is confirmed by comparing it with the copy on the issuer's website instead." };
    const hostedUrl =
      (record.spec === "ob2" && isHttpUrl(assertion?.id) ? (assertion!.id as string) : null) ??
      (isHttpUrl(verification.url) ? (verification.url as string) : null) ??
      (isHttpUrl(assertion?.id) ? (assertion!.id as string) : null) ??
      (encoding === "url" && isHttpUrl(record.raw.trim()) ? record.raw.trim() : null);
    if (!hostedUrl) {
      checks.hosted = { status: "warn", message: "The badge doesn't say where the issuer hosts it, so it can't be confirmed." };
      checks.revocation = { status: "warn", message: "Sash can't tell whether the badge was revoked because it doesn't say where the issuer hosts it." };
      checks.issuer = { status: "skip", message: "There is no hosted address to compare with the issuer's website." };
    } else {
      const hosted = await checkHosted(hostedUrl, assertion, net);
      checks.hosted = hosted.hosted;
      checks.revocation = hosted.revocation;
      assertion = assertion ?? hosted.document;
      const badgeClass = record.documents.badgeClass ?? (await loadLinked(assertion?.badge, net));
      const issuer = record.documents.issuer ?? (await loadLinked(badgeClass?.issuer, net));
      const issuerId = idOf(issuer) ?? idOf(badgeClass?.issuer) ?? record.issuer.id;
      const ob1Origin = isObject(badgeClass?.issuer) ? str((badgeClass!.issuer as Json).origin) : null;
      checks.issuer = checkHostedOrigin(hostedUrl, verification, issuerId, ob1Origin);
    }
  }
  checks.expiry = checkExpiry(
    { from: [assertion?.issuedOn, assertion?.issued_on, record.issuedOn], until: [assertion?.expires, record.expires] },
    opts.now,
  );
  return checks;
}

// ---- Open Badges 3.0 ----------------------------------------------------------

async function verifyOb3(record: BadgeRecord, opts: Required<Pick<VerifyOptions, "recipientEmails" | "now">>, net: Network): Promise<Checks> {
  const checks = {} as Checks;
  const isJwt = record.source.encoding === "vc-jwt";
  const claims = isJwt ? jwtClaims(record.raw.trim()) : null;
  const credential: Json | null = isJwt
    ? (isObject(claims?.vc) ? (claims!.vc as Json) : claims)
    : (parseJson(record.raw) ?? record.documents.assertion);
  if (!credential) {
    const none = { status: "skip" as const, message: "The credential's contents couldn't be read." };
    return { signature: { status: "fail", message: "The credential's contents couldn't be read, so its signature can't be checked." }, hosted: none, recipient: none, expiry: none, revocation: none, issuer: none };
  }
  const issuerId = idOf(credential.issuer) ?? record.issuer.id;
  checks.hosted = { status: "skip", message: "Open Badges 3.0 credentials are confirmed by their signature, not by a hosted copy." };
  checks.recipient = checkRecipient(record.recipient, opts.recipientEmails);

  if (isJwt) {
    const sig = await verifyVcJwt(record.raw.trim(), net);
    checks.signature = sig;
    checks.issuer = sig.status === "pass"
      ? checkOb3Signer(issuerId, [], { iss: str(claims?.iss), keyController: sig.keyController, headerJwk: sig.keySource === "header-jwk" })
      : { status: "skip", message: "The signature couldn't be confirmed, so the signing key can't be compared with the issuer." };
  } else {
    const sig = await verifyEmbeddedProofs(credential, net);
    checks.signature = { status: sig.status, message: sig.message };
    checks.issuer = sig.status === "pass"
      ? checkOb3Signer(issuerId, sig.signers, null)
      : { status: "skip", message: "The signature couldn't be confirmed, so the signing key can't be compared with the issuer." };
  }
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  checks.expiry = checkExpiry(
    {
      from: [credential.validFrom, credential.issuanceDate, num(claims?.nbf), record.issuedOn],
      until: [credential.validUntil, credential.expirationDate, num(claims?.exp), record.expires],
    },
    opts.now,
  );
  checks.revocation = await checkCredentialStatus(credential, net);
  return checks;
}

/** Verifies an unbaked credential check by check (issue #4). Never throws for bad credentials. */
export async function verifyCredential(record: BadgeRecord, opts: VerifyOptions = {}): Promise<VerificationReport> {
  const now = opts.now ?? new Date();
  const net = new Network(opts.fetcher);
  const o = { recipientEmails: opts.recipientEmails ?? [], now };
  let checks: Checks;
  try {
    checks = record.spec === "ob3" ? await verifyOb3(record, o, net) : await verifyOb2(record, o, net);
  } catch {
    // A malformed credential must give a report, not crash an import; nothing was confirmed.
    const message = "Sash couldn't finish checking this credential because part of it is malformed.";
    checks = Object.fromEntries(CHECK_ORDER.map((id) => [id, { status: "warn" as const, message }])) as Checks;
  }
  return report(checks, now);
}

/** The report for a credential the learner typed in by hand: nothing from an issuer to check. */
export function manualEntryReport(now: Date = new Date()): VerificationReport {
  const message = "You entered this credential by hand, so there is nothing from the issuer to check.";
  const checks = Object.fromEntries(CHECK_ORDER.map((id) => [id, { status: "skip" as const, message }])) as Checks;
  return report(checks, now);
}
