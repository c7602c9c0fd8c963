// The one Drizzle schema for Sash. Migrations in db/migrations are generated
// from this file by `npm run db:generate` (drizzle-kit) and committed.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** bytea as Uint8Array on every driver (pg returns Buffer, a Uint8Array subclass). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
  toDriver(value) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
  fromDriver(value) {
    if (typeof value === "string") {
      // Some drivers hand bytea back as "\x…" hex text.
      const s = value as string;
      return s.startsWith("\\x")
        ? new Uint8Array(Buffer.from(s.slice(2), "hex"))
        : new Uint8Array(Buffer.from(s, "binary"));
    }
    return value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike);
  },
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---- Accounts ----------------------------------------------------------------

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** argon2id hash in PHC form (or a scrypt one from before it, replaced at the next sign-in); null for single-sign-on accounts. */
    passwordHash: text("password_hash"),
    /** OIDC `sub` for SSO accounts, "issuer|sub". */
    oidcSubject: text("oidc_subject"),
    /**
     * Every session carries the value it was signed in under; the server compares it on every request, so
     * raising it ends every session of the learner at once (sign out everywhere, password reset or change).
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /** An admin disabled this learner (issue #21 §4): no sign-in, share links 404, until enabled. */
    disabled: boolean("disabled").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** "Email me about my credentials" (issue #21 §3). */
    notifyCredentials: boolean("notify_credentials").notNull().default(true),
    /** When the last credential-status mail went out (at most one a day). */
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("users_oidc_subject_idx").on(t.oidcSubject),
  ],
);

/**
 * A learner's email addresses (issue #11 §2). The sign-up address is one of them
 * and starts unverified; only verified addresses count when Sash checks whom a
 * badge was issued to. An address is verified for at most one learner.
 */
export const userEmails = pgTable(
  "user_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_emails_user_email_idx").on(t.userId, sql`lower(${t.email})`),
    uniqueIndex("user_emails_verified_email_idx")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.verifiedAt} is not null`),
  ],
);

/** Single-use email verification links: only the SHA-256 of the token is stored. */
export const emailVerificationTokens = pgTable(
  "email_verification_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userEmailId: uuid("user_email_id")
      .notNull()
      .references(() => userEmails.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_verification_tokens_email_idx").on(t.userEmailId)],
);

/**
 * Password reset links (issue #21 §1): single-use, 1 hour, only the SHA-256 of the 32-byte token is stored;
 * `email` is the verified address the link was mailed to.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

/** Fixed-window counters for sign-in rate limiting (per email and per IP). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

// ---- Wallet ------------------------------------------------------------------

/** The original upload, byte for byte (≤ 10 MiB). */
export const credentialFiles = pgTable(
  "credential_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    bytes: bytea("bytes").notNull(),
    /** Re-encoded copy without ancillary chunks, for images with no badge data (privacy). */
    publicBytes: bytea("public_bytes"),
    publicMimeType: text("public_mime_type"),
    createdAt: createdAt(),
  },
  (t) => [index("credential_files_user_idx").on(t.userId, t.sha256)],
);

/**
 * A Comprehensive Learner Record 2.0 (issue #13 §1): one signed credential that
 * carries many achievements. Its original file or payload is kept byte for byte;
 * each nested credential is also an ordinary row of `credentials` pointing here.
 */
export const learnerRecords = pgTable(
  "learner_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** How it arrived: upload | url | paste. */
    origin: text("origin").notNull(),
    /** "clr2" */
    spec: text("spec").notNull(),
    /** The ClrCredential's id. */
    externalId: text("external_id"),
    /** The learner's title (starts as the ClrCredential's name) and note. */
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The issuer's own name for the record, kept apart from the learner's edits. */
    issuerTitle: text("issuer_title"),
    issuerName: text("issuer_name"),
    issuerUrl: text("issuer_url"),
    issuerImage: text("issuer_image"),
    imageUrl: text("image_url"),
    issuedOn: timestamp("issued_on", { withTimezone: true }),
    expires: timestamp("expires", { withTimezone: true }),
    /** The original upload (baked image or .json/.jwt file); null for URL and paste imports. */
    fileId: uuid("file_id").references(() => credentialFiles.id, { onDelete: "set null" }),
    fileSha256: text("file_sha256"),
    /** The payload exactly as found (the ClrCredential's JSON or JWT text). */
    raw: text("raw").notNull(),
    /** The normalised CLR record (lib/badges/types.ts) without its nested records (they are rows of credentials). */
    record: jsonb("record"),
    /** ClrSubject achievements [{ id, title, description, achievementType, image, credentialIndex }]. */
    achievements: jsonb("achievements")
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** ClrSubject associations [{ associationType, sourceId, targetId }]. */
    associations: jsonb("associations")
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The record's own verification report (its proof, and a line per nested credential). */
    verification: jsonb("verification"),
    verificationResult: text("verification_result"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("learner_records_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("learner_records_user_external_idx")
      .on(t.userId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    uniqueIndex("learner_records_user_file_sha_idx")
      .on(t.userId, t.fileSha256)
      .where(sql`${t.fileSha256} is not null`),
  ],
);

export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Wallet section; everything a learner brings in is "imported" (Self-Asserted/Imported). */
    section: text("section").notNull().default("imported"),
    /** How it arrived: upload | url | paste | manual. */
    origin: text("origin").notNull(),
    spec: text("spec"), // ob1 | ob2 | ob3 | null for manual
    externalId: text("external_id"), // assertion / credential id
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    criteriaNarrative: text("criteria_narrative"),
    criteriaUrl: text("criteria_url"),
    issuerName: text("issuer_name"),
    issuerUrl: text("issuer_url"),
    issuerImage: text("issuer_image"),
    imageUrl: text("image_url"),
    issuedOn: timestamp("issued_on", { withTimezone: true }),
    expires: timestamp("expires", { withTimezone: true }),
    fileId: uuid("file_id").references(() => credentialFiles.id, { onDelete: "set null" }),
    fileSha256: text("file_sha256"),
    /** The normalised ParsedCredential (lib/badges/types.ts) as imported. */
    record: jsonb("record"),
    /** OB 3.0 Achievement.achievementType as issued ("Degree", "ext:…"); null for OB 1.0/2.0 and manual entries (issue #13). */
    achievementType: text("achievement_type"),
    /**
     * What the credential page and share page show about the achievement (lib/badges/achievement.ts
     * AchievementDetails: type, results, evidence, endorsements); filled at import, and for older rows
     * by the start-up backfill from the stored record. Null: not filled yet (or no badge data).
     */
    details: jsonb("details"),
    /** The issuer's own title and description (from the badge data), kept apart from the learner's edits above. */
    issuerTitle: text("issuer_title"),
    issuerDescription: text("issuer_description"),
    /** The payload exactly as found. */
    raw: text("raw"),
    verification: jsonb("verification"),
    verificationResult: text("verification_result"), // valid | invalid | indeterminate
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    shareSlug: text("share_slug").notNull(),
    shareEnabled: boolean("share_enabled").notNull().default(true),
    shareIndexable: boolean("share_indexable").notNull().default(false),
    /** The learner chose to let the public "Download badge" serve the baked file even though it shows the address it was issued to. */
    shareDownloadShowsAddress: boolean("share_download_shows_address").notNull().default(false),
    /** Set by a re-check that found the credential newly revoked or expired (revoked | expired); cleared when the learner dismisses it. */
    statusNotice: text("status_notice"),
    /** The status the learner was last mailed about (revoked | expired | expiring; issue #21 §3), so each change is mailed once. */
    notifiedStatus: text("notified_status"),
    /** Set when the credential came nested in a learner record (CLR 2.0); cleared if the record is deleted and the credential kept. */
    learnerRecordId: uuid("learner_record_id").references(() => learnerRecords.id, { onDelete: "set null" }),
    /** Its index in the record's nested credentials (document order). */
    learnerRecordIndex: integer("learner_record_index"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credentials_user_idx").on(t.userId, t.createdAt),
    index("credentials_learner_record_idx").on(t.learnerRecordId),
    uniqueIndex("credentials_share_slug_idx").on(t.shareSlug),
    uniqueIndex("credentials_user_external_idx")
      .on(t.userId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    uniqueIndex("credentials_user_file_sha_idx")
      .on(t.userId, t.fileSha256)
      .where(sql`${t.fileSha256} is not null`),
  ],
);

/**
 * A pending import between "upload" and "Submit" (issue #6): the bytes and the
 * record the server derived from them, so Submit never trusts client-sent data.
 * Short-lived; the wallet service (server/wallet/) sweeps expired rows.
 */
export const credentialUploads = pgTable(
  "credential_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** upload | url | paste */
    origin: text("origin").notNull(),
    mimeType: text("mime_type"),
    sha256: text("sha256"),
    size: integer("size"),
    bytes: bytea("bytes"),
    /** The derived ParsedCredential; null when the image holds no badge data (manual entry). */
    record: jsonb("record"),
    verification: jsonb("verification"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("credential_uploads_user_idx").on(t.userId), index("credential_uploads_expires_idx").on(t.expiresAt)],
);

/**
 * The share link of a learner's whole record page (/record → /r/<slug>, issue #13 §5):
 * one row per learner, made the first time they look at it; off until they turn it on.
 */
export const recordShares = pgTable(
  "record_shares",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    shareSlug: text("share_slug").notNull(),
    shareEnabled: boolean("share_enabled").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("record_shares_slug_idx").on(t.shareSlug)],
);

// ---- Skills library (issue #5) -------------------------------------------------

export const skills = pgTable(
  "skills",
  {
    /** Stable slug, e.g. "microsoft-excel"; imported skills: "esco:<uuid>", "onet:<id>", "lightcast:<id>". */
    id: text("id").primaryKey(),
    label: text("label").notNull(),
    /** Normalised label (lib/skills/normalize.ts). */
    norm: text("norm").notNull(),
    category: text("category").notNull().default("General"),
    description: text("description"),
    /** sash | esco | onet | lightcast */
    source: text("source").notNull().default("sash"),
    sourceUri: text("source_uri"),
    createdAt: createdAt(),
  },
  (t) => [index("skills_norm_idx").on(t.norm), uniqueIndex("skills_source_uri_idx").on(t.source, t.sourceUri)],
);

export const skillAliases = pgTable(
  "skill_aliases",
  {
    skillId: text("skill_id")
      .notNull()
      .references(() => skills.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    norm: text("norm").notNull(),
  },
  (t) => [primaryKey({ columns: [t.skillId, t.norm] }), index("skill_aliases_norm_idx").on(t.norm)],
);

/**
 * Skills on a credential. `skillKey` is the matching key: the library skill id,
 * or "custom:<normalised text>" for the learner's own skills.
 */
export const credentialSkills = pgTable(
  "credential_skills",
  {
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => credentials.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    skillId: text("skill_id").references(() => skills.id, { onDelete: "set null" }),
    skillKey: text("skill_key").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.credentialId, t.skillKey] }),
    index("credential_skills_user_idx").on(t.userId, t.skillKey),
  ],
);

// ---- Jobs, courses, pathways (issue #8) ------------------------------------------

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source").notNull(),
    /** identifier or url; idempotency key with source. */
    sourceKey: text("source_key").notNull(),
    title: text("title").notNull(),
    employer: text("employer").notNull().default(""),
    location: text("location").notNull().default(""),
    remote: boolean("remote").notNull().default(false),
    description: text("description").notNull().default(""),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    url: text("url"),
    /** Denominator of Opportunity Fit: required skills, or all skills when none are marked required. */
    fitDenominator: integer("fit_denominator").notNull().default(0),
    /** Lower-cased title + employer + description + skills for keyword search. */
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
    /** Compact integer id: the in-process fit index (lib/fit/rank-index.ts) stores postings by it. */
    seq: integer("seq").notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    uniqueIndex("jobs_source_key_idx").on(t.source, t.sourceKey),
    uniqueIndex("jobs_seq_idx").on(t.seq),
    index("jobs_posted_idx").on(t.postedAt),
    // Keyword search (db/queries/jobs/search.ts): prefix-matching full-text over search_text.
    index("jobs_search_tsv_idx").using("gin", sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

export const jobSkills = pgTable(
  "job_skills",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    skillId: text("skill_id").references(() => skills.id, { onDelete: "set null" }),
    skillKey: text("skill_key").notNull(),
    required: boolean("required").notNull(),
    /** Whether this skill counts toward the fit denominator. */
    counts: boolean("counts").notNull(),
    /** Copy of jobs.fit_denominator, so ranking by fit reads this table's index alone (db/queries/jobs/search.ts). */
    fitDenominator: integer("fit_denominator").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.skillKey] }),
    index("job_skills_key_idx").on(t.skillKey, t.jobId),
    // Opportunity Fit counts only these rows; an index-only scan per learner skill.
    index("job_skills_counted_idx")
      .on(t.skillKey, t.jobId, t.fitDenominator)
      .where(sql`${t.counts}`),
  ],
);

/**
 * The job catalogue's version (one row). Triggers on jobs and job_skills (migration
 * 0009/0010) bump `version` in every transaction that changes them and log the changed
 * postings in job_changes; each app process's fit index reads this row before every
 * search and applies the changes since the version it holds. A new `epoch` (truncate,
 * or the row recreated) means: reload everything.
 */
export const jobCatalogue = pgTable("job_catalogue", {
  id: integer("id").primaryKey().default(1),
  epoch: uuid("epoch").notNull().defaultRandom(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  /** Changes at or below this version have been pruned from job_changes. */
  prunedThrough: bigint("pruned_through", { mode: "number" }).notNull().default(0),
});

/** Which postings (jobs.seq) changed at which catalogue version; a deleted posting's seq is logged too. */
export const jobChanges = pgTable(
  "job_changes",
  {
    version: bigint("version", { mode: "number" }).notNull(),
    jobSeq: integer("job_seq").notNull(),
  },
  (t) => [index("job_changes_version_idx").on(t.version)],
);

/**
 * Snapshots of the in-process fit index (issue #23 §2, migration 0017): one snapshot is `parts` rows under one
 * id, written in one transaction; part 0's version is the catalogue version it holds (server/jobs/fit-snapshot.ts).
 */
export const fitIndexSnapshots = pgTable(
  "fit_index_snapshots",
  {
    id: uuid("id").notNull(),
    part: integer("part").notNull(),
    parts: integer("parts").notNull(),
    format: integer("format").notNull(),
    epoch: text("epoch").notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    data: bytea("data").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.part] }),
    index("fit_index_snapshots_version_idx")
      .on(t.version)
      .where(sql`${t.part} = 0`),
  ],
);

export const courses = pgTable("courses", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  provider: text("provider").notNull(),
  /** course | credential */
  kind: text("kind").notNull().default("course"),
  length: text("length").notNull().default(""),
  cost: text("cost").notNull().default(""),
  url: text("url"),
  description: text("description").notNull().default(""),
});

export const courseSkills = pgTable(
  "course_skills",
  {
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    skillKey: text("skill_key").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.skillKey] }), index("course_skills_key_idx").on(t.skillKey)],
);

export const pathways = pgTable("pathways", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
});

export const pathwaySteps = pgTable(
  "pathway_steps",
  {
    pathwayId: text("pathway_id")
      .notNull()
      .references(() => pathways.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    role: text("role").notNull(),
    description: text("description").notNull().default(""),
    /** [{ name, skillKey }] */
    skills: jsonb("skills").notNull().$type<Array<{ name: string; skillKey: string }>>(),
  },
  (t) => [primaryKey({ columns: [t.pathwayId, t.position] })],
);

/** Key/value for deployment-level settings (e.g. seed version). */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * The learner's own did:key (issue #13 §6, verifiable presentations): an Ed25519 key made on
 * first use. The secret key is stored only encrypted (AES-256-GCM under a key derived with
 * HKDF from AUTH_SECRET; server/presentation/keys.ts); the did and public key are public.
 */
export const holderKeys = pgTable("holder_keys", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  did: text("did").notNull(),
  publicKeyMultibase: text("public_key_multibase").notNull(),
  /** base64url(iv ‖ ciphertext ‖ tag) of the multibase secret key; `keyVersion` names the derivation. */
  secretKeyEncrypted: text("secret_key_encrypted").notNull(),
  keyVersion: integer("key_version").notNull().default(1),
  createdAt: createdAt(),
});

// ---- Operating the deployment (issue #21 §4) --------------------------------------

/** Every admin action (who, what, when), shown on /admin. Rows outlive the users they name (ids set null). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Who acted, as shown: the admin's address, or "cli" for `sash admin`. */
    actor: text("actor").notNull(),
    /** Stable action name, e.g. "import.jobs", "learner.disable". */
    action: text("action").notNull(),
    targetUserId: uuid("target_user_id").references(() => users.id, { onDelete: "set null" }),
    /** One line of what happened (no learner address for a deletion). */
    summary: text("summary").notNull(),
    detail: jsonb("detail"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

/** Trusted issuers an admin added: registries (URL or uploaded DCC document) and single issuers (DID or URL). */
export const adminTrustedIssuers = pgTable("admin_trusted_issuers", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** registry-url | registry-file | issuer */
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  url: text("url"),
  /** A single issuer's DID or URL id. */
  issuerId: text("issuer_id"),
  /** An uploaded registry document (DCC format). */
  document: jsonb("document"),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/**
 * The last good copy of each configured known-issuer registry (issue #20 item 2), by its source
 * (URL or file path) as SASH_ISSUER_REGISTRIES names it: what verification uses when a refresh
 * fails. server/trust/registries.ts keeps it; bundled snapshots are only the fallback.
 */
export const issuerRegistries = pgTable("issuer_registries", {
  source: text("source").primaryKey(),
  name: text("name").notNull(),
  document: jsonb("document").notNull(),
  /** SHA-256 (hex) of the document's canonical JSON: a change is a different hash. */
  sha256: text("sha256").notNull(),
  /** When this copy was loaded (it last changed or was first seen). */
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull(),
  /** When the source was last read successfully (same copy or a new one). */
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
});

// ---- The OAuth 2.0 authorization server of the 1EdTech APIs (issue #22 §1, migration 0016) ------------------

/** A client that registered itself (RFC 7591); belongs to no learner. Its secret is kept only as a SHA-256 hash. */
export const oauthClients = pgTable(
  "oauth_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: text("client_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    clientName: text("client_name").notNull(),
    clientUri: text("client_uri").notNull(),
    logoUri: text("logo_uri"),
    tosUri: text("tos_uri"),
    policyUri: text("policy_uri"),
    softwareId: text("software_id").notNull(),
    softwareVersion: text("software_version").notNull(),
    redirectUris: jsonb("redirect_uris").$type<string[]>().notNull(),
    /** The space-separated scopes the client registered for. */
    scope: text("scope").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oauth_clients_client_id_idx").on(t.clientId)],
);

/** One learner's consent to one client: the scopes, and when the client last used it; revoked ends its tokens. */
export const oauthGrants = pgTable(
  "oauth_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    createdAt: createdAt(),
    /** When its code was exchanged for tokens (before: consent given, not yet used). */
    exchangedAt: timestamp("exchanged_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("oauth_grants_user_idx").on(t.userId)],
);

/** An authorization code (hashed), single use, bound to its grant, redirect URI and PKCE S256 challenge. */
export const oauthCodes = pgTable(
  "oauth_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeHash: text("code_hash").notNull(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => oauthGrants.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    codeChallenge: text("code_challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("oauth_codes_code_hash_idx").on(t.codeHash)],
);

/** An access token and its refresh token (both hashed); a refresh rotates the pair (rotatedAt on the old one). */
export const oauthTokens = pgTable(
  "oauth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => oauthGrants.id, { onDelete: "cascade" }),
    accessHash: text("access_hash").notNull(),
    refreshHash: text("refresh_hash").notNull(),
    accessExpiresAt: timestamp("access_expires_at", { withTimezone: true }).notNull(),
    refreshExpiresAt: timestamp("refresh_expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("oauth_tokens_access_hash_idx").on(t.accessHash),
    uniqueIndex("oauth_tokens_refresh_hash_idx").on(t.refreshHash),
    index("oauth_tokens_grant_idx").on(t.grantId),
  ],
);
