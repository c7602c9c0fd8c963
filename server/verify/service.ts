// The public verifier (issue #20 §6): /verify and `sash verify` give the same verdict
// for the same input. A badge image, a credential's JSON or JWT, a Sash presentation,
// or a link to a credential shared from this Sash goes in; what comes out is the
// Verification section of a share page (lib/share/view.ts verificationView, the words
// of lib/trust/words.ts, the one status of lib/trust/status.ts with the recipient said
// apart): "Verified" when the issuer, the contents and the standing hold, and a line
// saying whom it was issued to and whether that matches the email given.
//
// Nothing is stored. Credentials are read through the one import path
// (lib/badges/ingest.ts readCredential) and checked by the one verifier
// (lib/badges/verify verifyCredential, lib/presentation verifyPresentationDocument),
// which is run WITHOUT the email: the recipient is compared on its own
// (checkRecipient, the verifier's own comparison), so it never decides the summary.
import { readCredential } from "@/lib/badges/ingest";
import { SashError } from "@/lib/badges/errors";
import type { Fetcher, ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify";
import { verifyOffThread } from "@/server/workers/offload";
import { checkRecipient } from "@/lib/badges/verify/recipient";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import { isPresentation, verifyPresentationDocument, type PresentationReport } from "@/lib/presentation/presentation";
import { verificationView, type ShareVerificationView } from "@/lib/share/view";
import { recipientHint } from "@/lib/trust/recipient";
import {
  checkLines,
  presentationSummary,
  recipientLine,
  type CheckLine,
  type RecipientNaming,
} from "@/lib/trust/words";
import { verifiedStatus, type VerifiedState } from "@/lib/trust/status";
import { AppError } from "@/lib/errors";

/** What the visitor gave: a file's bytes, or pasted text (a credential, a presentation or a share link), and an email. */
export interface VerifyInput {
  bytes?: Uint8Array | null;
  text?: string | null;
  /** "Issued to (email)": compared with the credential's recipient, on its own line (`sash verify` may give several). */
  email?: string | string[] | null;
}

export interface VerifyDeps {
  fetcher?: Fetcher;
  registries?: IssuerRegistries | null;
  now?: Date;
  /**
   * A credential shared from this Sash, by its share slug: the payload as it was found (JSON text,
   * URL, JWS or JWT), null when the link is off or unknown, "" for an entry without badge data.
   * Only /verify has one (server/verify/submit.ts, from the share data; never an HTTP fetch to itself).
   */
  sharedPayload?: (slug: string) => Promise<string | null>;
  /** This Sash's public origin: a pasted link on it is a share link. */
  origin?: string;
}

/** One credential's verdict: the Verification section's data, and what the CLI prints. */
export interface CredentialVerdict {
  title: string | null;
  issuerName: string | null;
  state: VerifiedState;
  /** "Verified — …" / "Not verified — …". */
  summary: string;
  /** Whom it was issued to, and whether it matches the email given; null where the credential could not be read. */
  recipient: string | null;
  checks: CheckLine[];
  /** The Verification section (lib/share/render.ts verificationSection). */
  view: ShareVerificationView;
}

export interface PresentationVerdict {
  holder: string | null;
  state: VerifiedState;
  summary: string;
  checks: CheckLine[];
}

export type VerifierResult =
  | {
      kind: "credential";
      /** Came through a share link of this Sash (its address is never shown). */
      viaShareLink: boolean;
      credential: ParsedCredential;
      /** The verifier's report, its recipient check the comparison with the email given. */
      report: VerificationReport;
      verdict: CredentialVerdict;
      /** A CLR 2.0 learner record: each nested credential's verdict, in document order. */
      nested: CredentialVerdict[];
    }
  | {
      kind: "presentation";
      report: PresentationReport;
      presentation: PresentationVerdict;
      credentials: CredentialVerdict[];
    };

const SHARE_PATH = /^\/c\/([A-Za-z0-9_-]{1,64})\/?$/;
const MAX_EMAIL = 320;

/** The share slug when `text` is a link to a credential shared from this Sash (`origin`), else null. */
export function shareSlugIn(text: string, origin: string | undefined): string | null {
  if (!origin || /\s/.test(text) || !/^https?:\/\//i.test(text)) return null;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  if (u.origin !== new URL(origin).origin) return null;
  const m = SHARE_PATH.exec(u.pathname);
  if (m) return m[1]!;
  if (u.pathname.startsWith("/r/"))
    throw new AppError(
      "INVALID_INPUT",
      "This link is to a whole learner record. Open it, then check one of its credentials by its own link or file.",
      { expose: true, status: 400 },
    );
  // Any other address on this Sash is no credential, and is never fetched from itself.
  throw new AppError("INVALID_INPUT", "This Sash address isn't a credential's share link (they look like /c/…).", {
    expose: true,
    status: 400,
  });
}

function presentationIn(text: string): Record<string, unknown> | null {
  const t = text.replace(/^\uFEFF/, "").trimStart();
  if (!t.startsWith("{")) return null;
  try {
    const doc: unknown = JSON.parse(t);
    return isPresentation(doc) ? (doc as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function naming(record: ParsedCredential, viaShareLink: boolean): RecipientNaming {
  const hint = recipientHint(record.recipient);
  // A share page never shows the address a credential was issued to; neither does checking its link.
  if (viaShareLink && hint.kind === "plain-email") return { kind: "withheld-email" };
  return hint;
}

/** One credential's report and facts as its verdict; `record` null when it could not be read on its own. */
function credentialVerdict(
  report: Pick<VerificationReport, "result" | "checks"> & { checkedAt?: string; issuer?: unknown },
  record: ParsedCredential | null,
  emails: string[],
  now: Date,
  viaShareLink: boolean,
): { verdict: CredentialVerdict; recipientCheck: VerificationReport["checks"][number] | null } {
  let recipient: { text: string; tone: "ok" | "neutral" } | null = null;
  let checks = report.checks;
  let recipientCheck: VerificationReport["checks"][number] | null = null;
  if (record) {
    const outcome = checkRecipient(record.recipient, emails);
    recipientCheck = { id: "recipient", status: outcome.status, message: outcome.message };
    checks = checks.map((c) => (c.id === "recipient" ? recipientCheck! : c));
    // The address that matched, else every address given.
    const matched = emails.find((e) => checkRecipient(record.recipient, [e]).status === "pass");
    const given = matched ?? (emails.length ? emails.join(", ") : null);
    recipient = recipientLine(naming(record, viaShareLink), given, outcome.status === "pass");
  }
  const facts = {
    issuerName: record?.issuer?.name ?? null,
    issuedOn: record?.issuedOn ? new Date(record.issuedOn) : null,
    expires: record?.expires ? new Date(record.expires) : null,
  };
  const view = verificationView({ ...report, checks }, facts, now, {
    audience: "verifier",
    redact: viaShareLink,
    recipient,
  })!;
  return {
    recipientCheck,
    verdict: {
      title: record?.title ?? null,
      issuerName: facts.issuerName,
      state: view.status.state,
      summary: view.summary,
      recipient: recipient?.text ?? null,
      checks: view.checks,
      view,
    },
  };
}

function cleanEmails(email: string | string[] | null | undefined): string[] {
  const list = (Array.isArray(email) ? email : [email ?? ""]).map((e) => e.trim()).filter(Boolean);
  for (const e of list) cleanEmail(e);
  return list;
}

function cleanEmail(e: string): string {
  if (e.length > MAX_EMAIL || !/^[^\s@]+@[^\s@]+$/.test(e))
    throw new AppError("INVALID_INPUT", "“Issued to (email)” must be an email address, or left empty.", {
      expose: true,
      status: 400,
    });
  return e;
}

/**
 * Verifies what the visitor gave (a file takes precedence over pasted text). Throws a coded,
 * exposed error for input that can't be read (SashError from the import path, AppError here).
 */
export async function verifyInput(input: VerifyInput, deps: VerifyDeps = {}): Promise<VerifierResult> {
  const now = deps.now ?? new Date();
  const email = cleanEmails(input.email);
  const bytes = input.bytes && input.bytes.byteLength > 0 ? input.bytes : null;
  let text = bytes ? null : (input.text ?? "").replace(/^\uFEFF/, "").trim() || null;
  if (!bytes && !text)
    throw new AppError(
      "INVALID_INPUT",
      "Choose a credential file, or paste a credential, a presentation or a share link.",
      {
        expose: true,
        status: 400,
      },
    );

  let viaShareLink = false;
  if (text) {
    const slug = shareSlugIn(text, deps.origin);
    if (slug) {
      const payload = deps.sharedPayload ? await deps.sharedPayload(slug) : null;
      if (payload === null)
        throw new AppError("NOT_FOUND", "This share link doesn't exist, or its owner has turned it off.", {
          expose: true,
          status: 404,
        });
      if (!payload.trim())
        throw new SashError(
          "NO_BADGE_DATA",
          "This shared credential was entered by hand: it carries no issuer data that could be checked.",
        );
      text = payload;
      viaShareLink = true;
    }
  }

  // A Sash presentation (a Verifiable Presentation): the holder's proof and each credential in it.
  const vp = presentationIn(text ?? (bytes ? new TextDecoder("utf-8", { fatal: false }).decode(bytes) : ""));
  if (vp) return verifyPresentation(vp, email, deps, now);

  const ingested = await readCredential(bytes ? { bytes } : { text: text! }, { fetcher: deps.fetcher });
  if (!ingested.record) throw new SashError("NO_BADGE_DATA");
  const record = ingested.record;
  const report = await verifyOffThread(record, { fetcher: deps.fetcher, registries: deps.registries, now });
  const { verdict, recipientCheck } = credentialVerdict(report, record, email, now, viaShareLink);
  const nested = (report.credentials ?? []).map(
    (n, i) => credentialVerdict(n, record.credentials?.[i] ?? null, [], now, viaShareLink).verdict,
  );
  return {
    kind: "credential",
    viaShareLink,
    credential: record,
    report: recipientCheck
      ? { ...report, checks: report.checks.map((c) => (c.id === "recipient" ? recipientCheck : c)) }
      : report,
    verdict,
    nested,
  };
}

async function verifyPresentation(
  vp: Record<string, unknown>,
  email: string[],
  deps: VerifyDeps,
  now: Date,
): Promise<VerifierResult> {
  const report = await verifyPresentationDocument(vp, {
    fetcher: deps.fetcher,
    registries: deps.registries,
    now,
  });
  // Each credential's facts and recipient, read offline (the verifier above already fetched what it needed).
  const inside = Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
  const credentials: CredentialVerdict[] = [];
  for (const [i, r] of report.credentials.entries()) {
    const c = inside[i];
    let record: ParsedCredential | null = null;
    try {
      const got = await readCredential({ text: typeof c === "string" ? c : JSON.stringify(c) });
      record = got.record;
    } catch {
      record = null;
    }
    credentials.push(credentialVerdict(r, record, email, now, false).verdict);
  }
  const checks = checkLines(report.checks, "verifier");
  const status = verifiedStatus({ report: { ...report, checkedAt: now.toISOString() } }, {}, now, {
    recipient: "apart",
  });
  const words = presentationSummary(status.state, report.checks, credentials);
  return {
    kind: "presentation",
    report,
    presentation: { holder: report.holder, state: words.state, summary: words.summary, checks },
    credentials,
  };
}

/** The verdicts alone (what `sash verify` prints as `verdict`, and a test compares with /verify's). */
export function verdictsOf(result: VerifierResult): {
  kind: "credential" | "presentation";
  state: VerifiedState;
  summary: string;
  recipient: string | null;
  checks: Array<Omit<CheckLine, "id"> & { id: string }>;
  credentials: Array<{ title: string | null; state: VerifiedState; summary: string; recipient: string | null }>;
} {
  const brief = (v: CredentialVerdict) => ({
    title: v.title,
    state: v.state,
    summary: v.summary,
    recipient: v.recipient,
  });
  if (result.kind === "presentation") {
    return {
      kind: "presentation",
      state: result.presentation.state,
      summary: result.presentation.summary,
      recipient: null,
      checks: result.presentation.checks,
      credentials: result.credentials.map(brief),
    };
  }
  return {
    kind: "credential",
    state: result.verdict.state,
    summary: result.verdict.summary,
    recipient: result.verdict.recipient,
    checks: result.verdict.checks,
    credentials: result.nested.map(brief),
  };
}
