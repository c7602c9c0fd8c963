// What an achievement is (issue #13 item 3): the achievement type, results,
// evidence and endorsements a wallet shows, taken from a ParsedCredential; the words
// for them; and re-normalising a record stored before these fields existed from
// its stored documents (offline, no network). Pure and framework-free.
import { normalizeOb2 } from "./normalize/ob2";
import { normalizeOb3 } from "./normalize/ob3";
import { isJsonObject, parsePayload, type JsonObject } from "./payload";
import type { AchievementResult, ParsedCredential, Endorsement, Evidence } from "./types";
import type { EndorsementCheck } from "./verify/types";

/** Bump when AchievementDetails gains something older rows should be re-filled for. */
export const DETAILS_VERSION = 1;

/** An endorsement as shown: without the document it was verified from. */
export type EndorsementSummary = Omit<Endorsement, "document">;

/** credentials.details: what the credential and share pages show about the achievement. */
export interface AchievementDetails {
  v: number;
  achievementType: string | null;
  results: AchievementResult[];
  evidence: Evidence[];
  endorsements: EndorsementSummary[];
}

export function achievementDetails(record: ParsedCredential): AchievementDetails {
  return {
    v: DETAILS_VERSION,
    achievementType: record.achievementType ?? null,
    results: record.results ?? [],
    evidence: record.evidence ?? [],
    endorsements: (record.endorsements ?? []).map(({ document: _document, ...rest }) => rest),
  };
}

/** The credential document a stored record was normalised from, from its documents or else its raw payload. */
function storedDocument(record: ParsedCredential): JsonObject | null {
  const a = record.documents?.assertion;
  if (isJsonObject(a)) return a;
  if (typeof record.raw !== "string") return null;
  try {
    const p = parsePayload(record.raw);
    if (p.encoding === "json") return p.value;
    if (p.encoding === "vc-jwt") return p.credential;
    if (p.encoding === "jws") return p.payload;
  } catch {
    // not a payload we can read again offline
  }
  return null;
}

/**
 * A record stored before issue #13, with achievementType, results, endorsements and
 * complete evidence filled by running the normalisers again over its stored documents
 * (no network: OB 2.0 endorsements that were only URLs stay URLs). Other fields are kept
 * as imported. Records that can't be re-read get empty values, so the result is stable.
 */
export function withAchievementFields(record: ParsedCredential): ParsedCredential {
  const doc = storedDocument(record);
  let body: Pick<ParsedCredential, "achievementType" | "results" | "endorsements" | "evidence"> | null = null;
  try {
    if (doc && record.spec === "ob3") body = normalizeOb3(doc);
    else if (doc && record.spec === "ob2") {
      const docs = record.documents ?? { badgeClass: null, issuer: null };
      body = normalizeOb2({ assertion: doc, badgeClass: docs.badgeClass ?? null, issuer: docs.issuer ?? null });
    }
  } catch {
    body = null;
  }
  return {
    ...record,
    achievementType: body?.achievementType ?? record.achievementType ?? null,
    results: body?.results ?? record.results ?? [],
    endorsements: body?.endorsements ?? record.endorsements ?? [],
    evidence: body?.evidence ?? record.evidence ?? [],
  };
}

// ---- Words ------------------------------------------------------------------------

/** OB 3.0 AchievementType enumeration values whose words aren't just the name split at capitals. */
const TYPE_WORDS: Record<string, string> = {
  ApprenticeshipCertificate: "Apprenticeship certificate",
  AssociateDegree: "Associate degree",
  BachelorDegree: "Bachelor's degree",
  CertificateOfCompletion: "Certificate of completion",
  CoCurricular: "Co-curricular activity",
  CommunityService: "Community service",
  DoctoralDegree: "Doctoral degree",
  GeneralEducationDevelopment: "General Educational Development (GED)",
  JourneymanCertificate: "Journeyman certificate",
  LearningProgram: "Learning program",
  MasterCertificate: "Master certificate",
  MasterDegree: "Master's degree",
  MicroCredential: "Micro-credential",
  ProfessionalDoctorate: "Professional doctorate",
  QualityAssuranceCredential: "Quality assurance credential",
  ResearchDoctorate: "Research doctorate",
  SecondarySchoolDiploma: "Secondary school diploma",
};

/** "SomeValueName" → "Some value name"; other text is left as it is. */
function splitWords(s: string): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(s)) return s;
  const words = s.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(" ");
  return [words[0], ...words.slice(1).map((w) => (/^[A-Z]{2,}/.test(w) ? w : w.toLowerCase()))].join(" ");
}

/**
 * Human words for OB 3.0 Achievement.achievementType ("Degree", "Certificate", "License",
 * "Bachelor's degree"); an extension value is shown without its "ext:" prefix. Null for none.
 */
export function achievementTypeLabel(type: string | null | undefined): string | null {
  const t = type?.trim().slice(0, 100);
  if (!t) return null;
  if (/^ext:/i.test(t)) return t.slice(4).trim() || null;
  return TYPE_WORDS[t] ?? splitWords(t);
}

const STATUS_WORDS: Record<string, string> = {
  Completed: "Completed",
  Enrolled: "Enrolled",
  Failed: "Not passed",
  InProgress: "In progress",
  OnHold: "On hold",
  Provisional: "Provisional",
  Withdrew: "Withdrawn",
};

/**
 * One result in words: "Final Project Grade: A", "Final Project Grade: 8.5 on a scale of 1–10",
 * "Final Project Grade: Mastery", "Project Status: Completed".
 */
export function resultText(r: AchievementResult): string {
  const parts: string[] = [];
  if (r.value) {
    const percent = r.resultType === "Percent" && /^-?\d+(\.\d+)?$/.test(r.value) ? "%" : "";
    const scale = r.valueMin && r.valueMax ? ` on a scale of ${r.valueMin}–${r.valueMax}` : "";
    const of = !scale && r.valueMax ? ` out of ${r.valueMax}` : "";
    parts.push(`${r.value}${percent}${scale}${of}`);
  }
  if (r.level) parts.push(r.level);
  if (r.status) parts.push(STATUS_WORDS[r.status] ?? splitWords(r.status));
  const what = parts.join(", ") || "Recorded";
  return r.name ? `${r.name}: ${what}` : what;
}

/** Who endorsed: the endorser's name, else its id, else a plain word. */
export function endorserName(e: Pick<Endorsement, "issuer">): string {
  return e.issuer.name ?? e.issuer.id ?? "an unnamed endorser";
}

const ON_WORDS: Record<Endorsement["on"], string> = {
  credential: "this credential",
  achievement: "the achievement",
  issuer: "the issuer",
};

/** "of the issuer" etc., for a line under the endorser. */
export function endorsedWhat(e: Pick<Endorsement, "on">): string {
  return ON_WORDS[e.on];
}

/** The verification word for an endorsement, from the report's EndorsementCheck (none yet: "not checked yet"). */
export function endorsementStatusText(check: Pick<EndorsementCheck, "status"> | null | undefined): string {
  if (!check) return "not checked yet";
  return check.status === "verified" ? "verified" : check.status === "failed" ? "not valid" : "could not be verified";
}

/** The report's check for the endorsement at `index` (reports are untrusted jsonb: shape-checked). */
export function endorsementCheckAt(report: unknown, index: number): EndorsementCheck | null {
  const list = (report as { endorsements?: unknown } | null)?.endorsements;
  if (!Array.isArray(list)) return null;
  for (const c of list.slice(0, 50)) {
    if (!c || typeof c !== "object") continue;
    const { index: i, status, message } = c as Record<string, unknown>;
    if (i !== index) continue;
    if (status !== "verified" && status !== "failed" && status !== "unverified") return null;
    return { index, status, message: typeof message === "string" ? message.slice(0, 500) : "" };
  }
  return null;
}

/** Reads credentials.details (untrusted jsonb) back into AchievementDetails, or null. */
export function readAchievementDetails(v: unknown): AchievementDetails | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const d = v as Partial<AchievementDetails>;
  const arr = <T>(x: unknown, max: number): T[] => (Array.isArray(x) ? (x.slice(0, max) as T[]) : []);
  return {
    v: typeof d.v === "number" ? d.v : 0,
    achievementType: typeof d.achievementType === "string" ? d.achievementType : null,
    results: arr<AchievementResult>(d.results, 50).filter((r) => r && typeof r === "object"),
    evidence: arr<Evidence>(d.evidence, 50).filter((e) => e && typeof e === "object"),
    endorsements: arr<EndorsementSummary>(d.endorsements, 20).filter(
      (e) => e && typeof e === "object" && e.issuer && typeof e.issuer === "object",
    ),
  };
}

// ---- What the pages show ------------------------------------------------------------

export interface EndorsementLine {
  /** "Endorsed by Example Accrediting Agency" */
  by: string;
  /** What was endorsed, in words ("the issuer"). */
  of: string;
  comment: string | null;
  status: EndorsementCheck["status"] | "unchecked";
  /** "verified" | "not valid" | "could not be verified" | "not checked yet" */
  statusText: string;
  /** Why, from the endorsement's check; null when it wasn't checked. */
  reason: string | null;
}

/** The credential page's and share page's reading of the details (words, not data). */
export interface AchievementView {
  type: string | null;
  results: string[];
  evidence: Evidence[];
  endorsements: EndorsementLine[];
}

/** Words for stored details and the stored report's endorsement checks (both untrusted jsonb). */
export function achievementView(details: AchievementDetails | null, report: unknown): AchievementView {
  if (!details) return { type: null, results: [], evidence: [], endorsements: [] };
  return {
    type: achievementTypeLabel(details.achievementType),
    results: details.results.map((r) => resultText(r).slice(0, 300)),
    evidence: details.evidence,
    endorsements: details.endorsements.map((e, i) => {
      const check = endorsementCheckAt(report, i);
      return {
        by: `Endorsed by ${endorserName(e).slice(0, 200)}`,
        of: endorsedWhat(e),
        comment: e.comment ? e.comment.slice(0, 1000) : null,
        status: check?.status ?? "unchecked",
        statusText: endorsementStatusText(check),
        reason: check?.message || null,
      };
    }),
  };
}
