// The words for every verification check, written once (issue #20 §5), beside the
// one verified status (./status.ts) and its plain-words reading (./present.ts).
// The credential page (app/wallet/c/[id]), the public share page (lib/share) and
// the public verifier (/verify, `sash verify`) all show a check through
// checkLines(): the same label, the same status word and, for the recipient
// check, the same sentences. Pure, no imports but types.
//
// Adding a check (lib/badges/verify): add its id and label to CHECK_LABELS below;
// nothing else needs to change for it to be shown with its own label everywhere.
import type { CheckStatus } from "../badges/verify/types";

/** The label of each check, by its id (credential checks, then a presentation's own). */
export const CHECK_LABELS: Readonly<Record<string, string>> = {
  signature: "Signature",
  hosted: "Issuer's copy",
  recipient: "Recipient",
  expiry: "Dates",
  revocation: "Revocation",
  issuer: "Issuer",
  schema: "Structure (schema)",
  // A Verifiable Presentation's own checks (lib/presentation/presentation.ts).
  holder: "Holder",
  credentials: "Credentials",
};

/** A check id nobody gave a label: shown as itself (cut short), never dropped. */
export function checkLabel(id: string): string {
  return CHECK_LABELS[id] ?? id.slice(0, 40);
}

export type CheckStatusWord = "Passed" | "Failed" | "Warning" | "Not checked" | "Not confirmed";

export const CHECK_STATUS_WORDS: Readonly<Record<CheckStatus, CheckStatusWord>> = {
  pass: "Passed",
  fail: "Failed",
  warn: "Warning",
  skip: "Not checked",
};

/**
 * Who reads the checks: "learner" (the credential page and the public share page: the recipient
 * is compared with the learner's verified addresses) or "verifier" (/verify and `sash verify`: with
 * the email address the visitor gave, if any).
 */
export type CheckAudience = "learner" | "verifier";

/**
 * The recipient check's sentences. They replace the check's own message, which may name an
 * address: a share page never shows one (issue #11 §3), and on the credential page the learner
 * reads the same sentence as the employer does.
 */
export const RECIPIENT_SENTENCES: Readonly<Record<CheckAudience, Readonly<Record<CheckStatus, string>>>> = {
  learner: {
    pass: "The badge was issued to this learner's verified email address.",
    fail: "Not confirmed: the badge's recipient doesn't match a verified address of this learner.",
    warn: "Not confirmed: the recipient could not be matched with a verified address of this learner.",
    skip: "The recipient was not checked.",
  },
  verifier: {
    pass: "It was issued to the email address you gave.",
    fail: "Not confirmed: it was not issued to the email address you gave.",
    warn: "Not compared: give the email address it was issued to in “Issued to (email)” to check it.",
    skip: "The recipient was not checked.",
  },
};

/** recipient.ts's message for a credential issued to the learner's own DID (their wallet's did:key). */
const WALLET_KEY_PASS = /^Issued to your wallet's key (did:[a-z0-9]+:[A-Za-z0-9._%:-]{1,200})\.$/;

/** One check as every surface shows it. */
export interface CheckLine {
  id: string;
  label: string;
  /** The status as shown: a recipient that doesn't match is "warn" (not confirmed), never a red "fail". */
  status: CheckStatus;
  statusWord: CheckStatusWord;
  message: string;
}

/** A check as a report (stored jsonb, read defensively) holds it. */
export interface CheckInput {
  id?: unknown;
  status?: unknown;
  message?: unknown;
}

const STATUSES: ReadonlySet<string> = new Set(["pass", "fail", "warn", "skip"]);

/** One check in words. `message` is the text to show for checks other than the recipient's (already redacted where needed). */
export function checkLine(
  check: CheckInput,
  audience: CheckAudience,
  message: (text: string) => string = (t) => t,
): CheckLine {
  const id = typeof check.id === "string" ? check.id : "check";
  const raw = typeof check.status === "string" && STATUSES.has(check.status) ? (check.status as CheckStatus) : "skip";
  if (id === "recipient") {
    // A recipient that doesn't match is "not confirmed" (neutral), never a red "Failed" (issue #11 §3).
    const status: CheckStatus = raw === "fail" ? "warn" : raw;
    // Issue #22: a pass by the learner's own DID (recipient.ts) is said as such, not as an email address.
    const did =
      raw === "pass" && typeof check.message === "string" ? WALLET_KEY_PASS.exec(check.message)?.[1] : undefined;
    return {
      id,
      label: checkLabel(id),
      status,
      statusWord: raw === "fail" ? "Not confirmed" : CHECK_STATUS_WORDS[status],
      message: did ? `Issued to this learner's wallet key ${did}.` : RECIPIENT_SENTENCES[audience][raw],
    };
  }
  const text = typeof check.message === "string" ? check.message.slice(0, 500) : "";
  return { id, label: checkLabel(id), status: raw, statusWord: CHECK_STATUS_WORDS[raw], message: message(text) };
}

/** Every check of a report (at most 20), in its order. */
export function checkLines(checks: unknown, audience: CheckAudience, message?: (text: string) => string): CheckLine[] {
  if (!Array.isArray(checks)) return [];
  const out: CheckLine[] = [];
  for (const c of checks.slice(0, 20)) {
    if (!c || typeof c !== "object") continue;
    out.push(checkLine(c as CheckInput, audience, message));
  }
  return out;
}

/** How a credential names whom it was issued to (lib/trust/recipient.ts recipientHint's kinds). */
export type RecipientNaming =
  | { kind: "plain-email"; email: string }
  | { kind: "hashed-email" }
  /** A plain address the page may not show (a credential checked through its share link). */
  | { kind: "withheld-email" }
  | { kind: "other" }
  | { kind: "none" };

/**
 * The verifier's recipient line (/verify, `sash verify`): whom it was issued to — the address, or
 * "a hashed address" (or, through a share link, an address it doesn't show) — and, when an email was given, whether it matches (`matches`: the recipient
 * check against that email passed).
 */
export function recipientLine(
  naming: RecipientNaming,
  given: string | null,
  matches: boolean,
): { text: string; tone: "ok" | "neutral" } {
  const whom =
    naming.kind === "plain-email"
      ? `Issued to ${naming.email}`
      : naming.kind === "hashed-email"
        ? "Issued to a hashed address"
        : naming.kind === "withheld-email"
          ? "Issued to an email address (a share link doesn't show it)"
          : naming.kind === "other"
            ? "Issued to someone it names by something other than an email address"
            : "It doesn't say whom it was issued to";
  if (!given) {
    const hint =
      naming.kind === "hashed-email" || naming.kind === "withheld-email" ? " (give the email address to check it)" : "";
    return { text: `${whom}${hint}.`, tone: "neutral" };
  }
  if (matches) return { text: `${whom}: it matches ${given}, the email you gave.`, tone: "ok" };
  if (naming.kind !== "other" && naming.kind !== "none")
    return { text: `${whom}: it does not match ${given}, the email you gave.`, tone: "neutral" };
  return { text: `${whom}, so it can't be compared with ${given}, the email you gave.`, tone: "neutral" };
}

/**
 * A Sash presentation's summary (/verify, `sash verify`), for the state lib/trust/status.ts gave
 * its own report (the holder's proof, the holder, the credentials) — "Verified" only when that
 * holds and every credential in it is verified — and the first check that did not pass.
 */
export function presentationSummary(
  state: "verified" | "not-verified" | "failed",
  checks: ReadonlyArray<{ id: string; status: CheckStatus; message: string }>,
  credentials: ReadonlyArray<{ state: "verified" | "not-verified" | "failed" }>,
): { state: "verified" | "not-verified" | "failed"; summary: string } {
  const allVerified = credentials.length > 0 && credentials.every((c) => c.state === "verified");
  if (state === "verified" && allVerified)
    return {
      state,
      summary: "Verified — the holder signed this presentation, and every credential in it is verified.",
    };
  const failed = checks.find((c) => c.status === "fail");
  if (state === "failed" && failed)
    return { state, summary: `Not verified — Failed: ${failed.message.replace(/\.?$/, ".")}` };
  const first = checks.find((c) => c.status !== "pass");
  const why = first?.message
    ? first.message.replace(/\.?$/, ".")
    : credentials.length === 0
      ? "the presentation holds no credentials."
      : "not every credential in it is verified.";
  return { state: state === "verified" ? "not-verified" : state, summary: `Not verified — ${why}` };
}
