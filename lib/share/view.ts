// From a shared credential's database row to exactly what its public page
// shows. Pure: every attacker-controlled string is either left as text (the
// renderer escapes it), rendered by the safe Markdown renderer, or passed
// through URL allow-lists here.
import type { SharedCredentialRow } from "@/lib/share/types";
import { jsonLdScriptText, manualCredentialDocument, publicCredentialDocument } from "./jsonld";
import { linkedInAddToProfileUrl } from "./linkedin";
import { renderMarkdown } from "./markdown";
import { safeHttpUrl, sharePath } from "./url";
import { presentTrust, type TrustStatement, type TrustTone } from "../trust/present";
import type { VerifiedStatus } from "../trust/status";
import { checkLines, type CheckAudience, type CheckLine, type CheckStatusWord } from "../trust/words";
import { recipientIsHashed } from "../trust/recipient";
import type { ParsedCredential, Recipient } from "../badges/types";
import {
  achievementDetails,
  achievementView,
  DETAILS_VERSION,
  readAchievementDetails,
  withAchievementFields,
  type AchievementView,
} from "../badges/achievement";

/** The baked file may be downloaded publicly: its recipient is hashed, or the learner chose to show the address. */
export function bakedDownloadAllowed(record: unknown, learnerOptIn: boolean): boolean {
  if (learnerOptIn) return true;
  const recipient = (record as { recipient?: Recipient | null } | null)?.recipient;
  return recipientIsHashed(recipient ?? null);
}

/** One check as the page shows it: lib/trust/words.ts's label, status word and sentences. */
export type ShareCheckView = CheckLine;
export type { CheckStatusWord };

export interface ShareVerificationView {
  result: "valid" | "invalid" | "indeterminate";
  /** The one status (lib/trust/status.ts) at the time the page was built; the summary says it. */
  status: VerifiedStatus;
  /** Starts with "Verified" exactly when the credential is valid, else "Not verified" (issue #11 §3). */
  summary: string;
  /** ok (green), failed (red: proven wrong), neutral (not confirmed). */
  tone: TrustTone;
  /** Who issued it, to whom, whether it still holds — never the recipient's address. */
  statements: TrustStatement[];
  checkedAt: Date | null;
  checks: ShareCheckView[];
}

export interface ShareView {
  slug: string;
  url: string;
  indexable: boolean;
  learnerName: string;
  /** The issuer's title (the h1); the learner's own title for entries without badge data. */
  title: string;
  /** The holder's different wording, shown apart and labelled as theirs (issue #11 §3). */
  holderTitle: string | null;
  holderDescriptionHtml: string;
  external: boolean;
  descriptionHtml: string;
  criteriaHtml: string;
  criteriaUrl: string | null;
  issuer: { name: string | null; url: string | null; imageSrc: string | null };
  image: { src: string; alt: string } | null;
  issuedOn: Date | null;
  expires: Date | null;
  expired: boolean;
  skills: string[];
  /** Issue #13: achievement type, results, evidence (links allow-listed) and endorsements, in words, redacted. */
  achievement: AchievementView;
  verification: ShareVerificationView | null;
  /** "badge": the issuer's baked file; "image": the picture without badge data (the file would show the address). */
  download: { href: string; filename: string; kind: "badge" | "image" } | null;
  linkedInUrl: string;
  ogImageUrl: string;
  metaDescription: string;
  jsonLd: string;
}

/** The credential was imported from badge data baked into its stored file. */
export function isBakedImport(origin: string, spec: string | null, record: unknown): boolean {
  const source = (record as { source?: { container?: unknown } } | null)?.source;
  return origin === "upload" && !!spec && !!source && source.container != null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const HASH = /\b(?:sha256|sha512|md5)\$[0-9a-fA-F]+/g;

/** Check messages are ours, but may quote badge data; never let an email or recipient hash through. */
export function redactPersonalData(text: string): string {
  return text.replace(HASH, "[hash]").replace(EMAIL, "[email]");
}

export interface VerificationViewOptions {
  /**
   * "learner" (default: the share page; the credential page reads the same words): the recipient is
   * compared with the learner's verified addresses, and no message may show an address. "verifier"
   * (/verify, `sash verify`): "Verified" when issuer, contents and standing hold, the recipient
   * said by `recipient` (whom it was issued to, and whether it matches the email given).
   */
  audience?: CheckAudience;
  /** Leave emails and recipient hashes out of every message (always for "learner"). */
  redact?: boolean;
  /** The verifier's recipient line, in place of the learner's recipient statement. */
  recipient?: { text: string; tone: TrustTone } | null;
}

/** A verification report (stored jsonb or fresh, read defensively) as the Verification section shows it. */
export function verificationView(
  v: unknown,
  facts: { issuerName: string | null; issuedOn: Date | null; expires: Date | null },
  now: Date,
  options: VerificationViewOptions = {},
): ShareVerificationView | null {
  if (!v || typeof v !== "object") return null;
  const audience = options.audience ?? "learner";
  const redact = audience === "learner" || options.redact !== false ? redactPersonalData : (t: string) => t;
  const report = v as { result?: unknown; checks?: unknown; checkedAt?: unknown; issuer?: unknown };
  const result = report.result === "valid" || report.result === "invalid" ? report.result : "indeterminate";
  // The recipient's own sentences never name an address; every other message is redacted.
  const checks: ShareCheckView[] = checkLines(report.checks, audience, redact);
  // The plain-words reading works on the redacted messages, so no address can reach the page through it.
  const trust = presentTrust(
    {
      result,
      checkedAt: report.checkedAt,
      issuer: report.issuer,
      // The verifier's summary speaks of issuer, contents and standing only: whom it was issued to is its own line.
      checks: checks.map((c) => ({
        id: c.id,
        status: audience === "verifier" && c.id === "recipient" ? "skip" : c.status,
        message: c.message,
      })),
    },
    facts,
    now,
    audience === "verifier" ? { recipient: "apart" } : {},
  );
  const recipient = options.recipient;
  const statements = recipient
    ? trust.statements.map((s) => (s.id === "recipient" ? { ...s, text: recipient.text, tone: recipient.tone } : s))
    : trust.statements;
  const at = typeof report.checkedAt === "string" ? new Date(report.checkedAt) : null;
  return {
    result,
    status: trust.status,
    summary: trust.summary,
    tone: trust.tone,
    statements,
    checkedAt: at && !Number.isNaN(at.getTime()) ? at : null,
    checks,
  };
}

/** The stored details, else made from the stored record (a row the backfill hasn't reached). */
function shareAchievement(row: SharedCredentialRow): AchievementView {
  let details = readAchievementDetails(row.details);
  if ((!details || details.v < DETAILS_VERSION) && row.record && typeof row.record === "object") {
    try {
      details = achievementDetails(withAchievementFields(row.record as ParsedCredential));
    } catch {
      details = null;
    }
  }
  const view = achievementView(details, row.verification);
  const clean = (s: string | null) => (s === null ? null : redactPersonalData(s));
  return {
    type: view.type,
    results: view.results.map(redactPersonalData),
    evidence: view.evidence.slice(0, 20).map((e) => ({
      id: safeHttpUrl(e.id),
      name: clean(e.name),
      description: clean(e.description),
      narrative: clean(e.narrative),
    })),
    endorsements: view.endorsements.map((e) => ({
      ...e,
      by: redactPersonalData(e.by),
      comment: clean(e.comment),
      reason: clean(e.reason),
    })),
  };
}

function credentialDocument(row: SharedCredentialRow): Record<string, unknown> | null {
  // Prefer the payload as found (jsonb reorders keys); signed or hosted payloads use the resolved document.
  if (row.raw && row.raw.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(row.raw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall back to the resolved document
    }
  }
  const docs = (row.record as { documents?: { assertion?: unknown } } | null)?.documents;
  const a = docs?.assertion;
  if (a && typeof a === "object" && !Array.isArray(a)) return a as Record<string, unknown>;
  return null;
}

function fileExtension(mime: string | null): string {
  return mime === "image/svg+xml" ? "svg" : "png";
}

export function downloadFilename(title: string, mime: string | null): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[\s_-]+/g, "-")
      .toLowerCase()
      .slice(0, 60) || "badge";
  return `${base}.${fileExtension(mime)}`;
}

function plainText(markdown: string, max = 200): string {
  const t = markdown
    .replace(/[#>*_`~[\]()!|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function imageSource(value: string | null, routePath: string): string | null {
  if (!value) return null;
  if (value.startsWith("data:")) return routePath;
  // https only: the share page's CSP allows no http: images (issue #25 §5b).
  const url = safeHttpUrl(value);
  return url?.startsWith("https:") ? url : null;
}

export function buildShareView(row: SharedCredentialRow, origin: string): ShareView {
  const path = sharePath(row.slug);
  const url = `${origin}${path}`;
  const learnerName = row.learnerName.trim() || "A Sash learner";
  // Issue #11 §3: the heading is always the issuer's title; the holder's edits are shown apart, labelled.
  const holderOwn = row.title.trim();
  const issuerTitle = row.issuerTitle?.trim() || null;
  const title = issuerTitle || holderOwn || "Untitled credential";
  const holderTitle = issuerTitle && holderOwn && holderOwn !== issuerTitle ? holderOwn : null;
  const issuerDescription = row.issuerTitle != null ? (row.issuerDescription ?? "") : (row.description ?? "");
  const holderDescription =
    row.issuerTitle != null && (row.description ?? "").trim() !== issuerDescription.trim()
      ? (row.description ?? "")
      : "";
  const now = Date.now();
  const baked = isBakedImport(row.origin, row.spec, row.record);

  const image = row.hasFile
    ? { src: `${path}/image`, alt: `Badge image: ${title}` }
    : (() => {
        const src = imageSource(row.imageUrl, `${path}/image`);
        return src ? { src, alt: `Badge image: ${title}` } : null;
      })();

  const original = credentialDocument(row);
  const jsonLdDoc = original
    ? publicCredentialDocument(original)
    : manualCredentialDocument({ name: title, description: row.description, issuerName: row.issuerName, url });

  const description = issuerDescription;
  return {
    slug: row.slug,
    url,
    indexable: row.indexable,
    learnerName,
    title,
    holderTitle,
    holderDescriptionHtml: holderDescription.trim() ? renderMarkdown(holderDescription) : "",
    external: row.section === "imported",
    descriptionHtml: renderMarkdown(description),
    criteriaHtml: renderMarkdown(row.criteriaNarrative),
    criteriaUrl: safeHttpUrl(row.criteriaUrl),
    issuer: {
      name: row.issuerName?.trim() || null,
      url: safeHttpUrl(row.issuerUrl),
      imageSrc: imageSource(row.issuerImage, `${path}/issuer-image`),
    },
    image,
    issuedOn: row.issuedOn,
    expires: row.expires,
    expired: !!row.expires && row.expires.getTime() < now,
    skills: row.skills.filter((s) => s.trim()).slice(0, 100),
    achievement: shareAchievement(row),
    verification: verificationView(
      row.verification,
      {
        issuerName: row.issuerName,
        issuedOn: row.issuedOn,
        expires: row.expires,
      },
      new Date(now),
    ),
    download:
      row.hasFile && baked
        ? {
            href: `${path}/download`,
            filename: downloadFilename(title, row.fileMimeType),
            kind: bakedDownloadAllowed(row.record, row.shareDownloadShowsAddress === true) ? "badge" : "image",
          }
        : null,
    linkedInUrl: linkedInAddToProfileUrl({
      name: title,
      organizationName: row.issuerName,
      issuedOn: row.issuedOn,
      expires: row.expires,
      certUrl: url,
      certId: row.slug,
    }),
    ogImageUrl: `${url}/og`,
    metaDescription: plainText(description) || `${title}, a credential held by ${learnerName}.`,
    jsonLd: jsonLdScriptText(jsonLdDoc),
  };
}
