// The one normalised credential record every importer produces (issue #3).
// Framework-free: no Next.js, no database, no fetch.

export type BadgeSpec = "ob1" | "ob2" | "ob3" | "clr2";

export type Container = "png" | "svg";
/** How the payload was carried: inline JSON, a hosted URL, a signed OB 2.0 JWS, or an OB 3.0 VC-JWT. */
export type PayloadEncoding = "json" | "url" | "jws" | "vc-jwt";

export interface IssuerProfile {
  id: string | null;
  name: string | null;
  url: string | null;
  email: string | null;
  image: string | null;
}

export interface Criteria {
  narrative: string | null;
  url: string | null;
}

/** OB 1.0/2.0 IdentityObject. */
export interface IdentityRecipient {
  kind: "identity";
  type: string; // "email", "url", "telephone", …
  identity: string; // plain value or "sha256$…" / "md5$…"
  hashed: boolean;
  salt: string | null;
}

/** OB 3.0 CredentialSubject identifiers (IdentityObject list) and/or subject id. */
export interface IdentifierRecipient {
  kind: "identifiers";
  subjectId: string | null;
  identifiers: Array<{
    identityType: string;
    identityHash: string;
    hashed: boolean;
    salt: string | null;
  }>;
}

export type Recipient = IdentityRecipient | IdentifierRecipient;

export interface Alignment {
  name: string;
  url: string | null;
  framework: string | null;
  code: string | null;
}

export interface Evidence {
  id: string | null;
  name: string | null;
  description: string | null;
  narrative: string | null;
  /** OB 2.0/3.0 Evidence.genre ("Research", "Portfolio", …); left out when not given. */
  genre?: string;
  /** OB 2.0/3.0 Evidence.audience; left out when not given. */
  audience?: string;
}

/**
 * One OB 3.0 Result (credentialSubject.result[]), read against the achievement's
 * resultDescription[] it names (OB 3.0 §B.1.x Result / ResultDescription).
 */
export interface AchievementResult {
  /** ResultDescription.name ("Final Project Grade"); null when the result names no known description. */
  name: string | null;
  /** ResultDescription.resultType (LetterGrade, Percent, RubricCriterionLevel, Status, ext:…). */
  resultType: string | null;
  /** Result.value as issued ("A", "8.5"). */
  value: string | null;
  /** ResultDescription.valueMin / valueMax: the scale of a score. */
  valueMin: string | null;
  valueMax: string | null;
  /** The achieved RubricCriterionLevel (Result.achievedLevel), by its name. */
  level: string | null;
  /** Result.status (Completed, Enrolled, Failed, InProgress, OnHold, Provisional, Withdrew). */
  status: string | null;
}

/** An endorsement of the credential, its achievement/badge class or its issuer (OB 2.0 Endorsement, OB 3.0 EndorsementCredential). */
export interface Endorsement {
  /** The endorsement's own id (OB 2.0: where it is hosted). */
  id: string | null;
  /** What it was attached to. */
  on: "credential" | "achievement" | "issuer";
  /** ob2: OB 2.0 Endorsement; ob3: embedded EndorsementCredential; ob3-jwt: an `endorsementJwt` entry. */
  format: "ob2" | "ob3" | "ob3-jwt";
  issuer: { id: string | null; name: string | null };
  /** endorsementComment: the endorser's claim, as text. */
  comment: string | null;
  issuedOn: string | null;
  /**
   * The endorsement as found (object, or the compact JWT), kept for verification;
   * null when it is only a URL that was not fetched.
   */
  document: Record<string, unknown> | string | null;
}

export interface Unresolved {
  url: string;
  /** Stable reason code, e.g. "OFFLINE", "FETCH_BLOCKED", "HTTP_404", "FETCH_TIMEOUT". */
  reason: string;
  /** What the URL was supposed to hold. */
  role: "assertion" | "badgeClass" | "issuer" | "other";
}

export interface PayloadSource {
  container: Container | null; // null for pasted JSON / URL imports
  encoding: PayloadEncoding;
  keyword: string | null; // PNG chunk keyword, or SVG element local name
}

/**
 * The documents the record was built from, after resolving URLs. Verification
 * (issue #4) uses these; `raw` stays the exact payload found.
 */
export interface ResolvedDocuments {
  /** OB 1.0/2.0 assertion object (decoded JWS payload for signed), or OB 3.0 credential object. */
  assertion: Record<string, unknown> | null;
  badgeClass: Record<string, unknown> | null;
  issuer: Record<string, unknown> | null;
}

export interface ParsedCredential {
  spec: BadgeSpec;
  /** From the badge class / achievement, never an OB 3.0 credential's top-level `name`. */
  title: string | null;
  description: string | null;
  /** URL or data: URI of the achievement image. */
  image: string | null;
  criteria: Criteria;
  issuer: IssuerProfile;
  issuedOn: string | null; // ISO 8601
  expires: string | null; // ISO 8601
  recipient: Recipient | null;
  /** De-duplicated case-insensitively, first spelling kept. */
  skills: string[];
  alignments: Alignment[];
  evidence: Evidence[];
  /**
   * OB 3.0 Achievement.achievementType as issued ("Degree", "Certificate", "ext:…");
   * null for OB 1.0/2.0 (no such field). Absent on records stored before issue #13.
   */
  achievementType?: string | null;
  /** OB 3.0 results with their descriptions; [] for OB 1.0/2.0. Absent on records stored before issue #13. */
  results?: AchievementResult[];
  /** Endorsements found on the credential, its achievement/badge class and its issuer (issue #13 item 3). */
  endorsements?: Endorsement[];
  /** Assertion / credential id. */
  id: string | null;
  source: PayloadSource;
  unresolved: Unresolved[];
  /** The payload exactly as found (JSON text, URL, JWS or JWT). */
  raw: string;
  documents: ResolvedDocuments;
  /**
   * CLR 2.0 only (spec "clr2"): the records of the nested credentials
   * (credentialSubject.verifiableCredential) in document order, each normalised
   * on its own with its own `raw`.
   */
  credentials?: ParsedCredential[];
  /** CLR 2.0 only: the ClrSubject's achievements and associations. */
  clr?: { achievements: ClrAchievementEntry[]; associations: ClrAssociation[] };
}

/** One achievement listed by a CLR 2.0 ClrSubject (CLR 2.0 §4). */
export interface ClrAchievementEntry {
  id: string | null;
  title: string | null;
  description: string | null;
  achievementType: string | null;
  image: string | null;
  /** Index into ParsedCredential.credentials of the credential awarding it; null when none does. */
  credentialIndex: number | null;
}

/** A CLR 2.0 Association between two achievements (isChildOf, isParentOf, isPartOf, precedes, …). */
export interface ClrAssociation {
  associationType: string;
  sourceId: string;
  targetId: string;
}

// ---- Network boundary -------------------------------------------------------

export interface FetchedDocument {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  text: string;
}

/**
 * The only way lib/badges reaches the network. Resolves for any HTTP status
 * (callers decide what a 404 or 410 means); rejects with a FetchError
 * (lib/net/errors.ts) when the request is refused, times out or is too big.
 */
export type Fetcher = (url: string) => Promise<FetchedDocument>;
