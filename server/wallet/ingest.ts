// The one import service (issue #19 §1). Every way badge data comes into a
// wallet goes through here:
//
//   file upload  app/wallet/add/upload/route.ts → stageFile ─┐
//   URL, paste   app/wallet/add/actions.ts     → stageText ─┤→ stageInput → (Submit) saveCredential /
//   CLR          (any of the above; format "clr2")           ┘                        saveLearnerRecord
//   ZIP restore  server/portfolio/restore.ts → readCredential → saveCredential / saveLearnerRecord
//
// and so must the doors still to come (an issuer's OB API upsert, OpenID4VCI
// offers): read the bytes or text with lib/badges/ingest.ts readCredential (the
// container is sniffed once there and passed on), then stage the result
// (stageIngested) or save it (saveCredential / saveLearnerRecord). The rows are
// built once here (credentialRow, learnerRecordRow, with the form's own length
// limits) and database failures become the learner's words once, in
// server/wallet/errors.ts walletErrorOf.
import { findDuplicate } from "@/db/queries/credentials";
import type { NewCredential, WalletQuota } from "@/db/queries/credential-types";
import { findRecordDuplicate, insertLearnerRecord, type NewLearnerRecord } from "@/db/queries/learner-records";
import { insertUpload } from "@/db/queries/uploads";
import type { Db } from "@/db/client";
import { identifyInput, keptOriginal, readIdentified, type IngestInput, type Ingested } from "@/lib/badges/ingest";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { manualEntryReport } from "@/lib/badges/verify";
import { publicImageOffThread } from "@/server/workers/offload";
import { newShareSlug } from "@/lib/share/slug";
import { forLearner } from "@/lib/trust/result";
import { untitled } from "@/lib/wallet/records";
import { MAX_DESCRIPTION, STAGING_TTL_MS } from "@/lib/wallet/rules";
import type { CredentialSkill, DuplicateRef } from "@/lib/wallet/types";
import { getSkillIndex } from "@/server/skills/skill-index";
import { achievementColumns } from "./achievements";
import { insertCredential } from "./credentials";
import { draftFrom } from "./draft";
import { walletErrorOf } from "./errors";
import { credentialFields, nowOf, sha256Hex } from "./fields";
import { housekeeping } from "./staging";
import type { ImportOrigin, StageResult, WalletContext } from "./types";

export { readCredential, type Ingested, type IngestInput } from "@/lib/badges/ingest";

// ---- Staging (step 1 of /wallet/add) ---------------------------------------------

/** Step 1 for an uploaded file (PNG, SVG, or a .json/.jwt credential file). Throws SashError or WalletError. */
export async function stageFile(ctx: WalletContext, bytes: Uint8Array): Promise<StageResult> {
  return stageInput(ctx, { bytes });
}

/** Step 1 for a hosted assertion URL or pasted JSON / JWS / VC-JWT. Throws SashError. */
export async function stageText(ctx: WalletContext, text: string): Promise<StageResult> {
  return stageInput(ctx, { text });
}

/**
 * Bytes or text → staged upload → pre-filled draft, or "already in your
 * wallet". A file the learner already holds is spotted by its bytes before
 * anything is read (no fetch for it); then by the id in its badge data. An
 * image without badge data is staged too (its picture is kept) as a
 * manual-entry draft.
 */
export async function stageInput(ctx: WalletContext, input: IngestInput): Promise<StageResult> {
  const identified = learnerWords(() => identifyInput(input));
  const origin: ImportOrigin = identified.bytes ? "upload" : identified.isAddress ? "url" : "paste";
  const sha256 = identified.bytes ? sha256Hex(identified.bytes) : null;
  if (identified.bytes && sha256) {
    const image = identified.container === "png" || identified.container === "svg";
    // Only images and learner records keep their file, so only those can be held by their bytes.
    const sameBytes =
      (image ? await findDuplicate(ctx.db, ctx.user.id, { fileSha256: sha256 }) : null) ??
      (await findRecordDuplicate(ctx.db, ctx.user.id, { fileSha256: sha256 }));
    if (sameBytes) return { kind: "duplicate", existing: sameBytes };
  }
  const ingested = await readIdentified(identified, { fetcher: ctx.fetcher });
  return stageIngested(ctx, ingested, origin, sha256);
}

/** The credential or learner record the learner already holds with this record's id. */
export async function heldAlready(ctx: WalletContext, record: ParsedCredential | null): Promise<DuplicateRef | null> {
  if (!record?.id) return null;
  return record.spec === "clr2"
    ? findRecordDuplicate(ctx.db, ctx.user.id, { externalId: record.id })
    : findDuplicate(ctx.db, ctx.user.id, { externalId: record.id });
}

/** Stages what readCredential read: the record, and the original file the wallet keeps (keptOriginal). */
export async function stageIngested(
  ctx: WalletContext,
  ingested: Ingested,
  origin: ImportOrigin,
  sha256: string | null = null,
): Promise<StageResult> {
  const sameId = await heldAlready(ctx, ingested.record);
  if (sameId) return { kind: "duplicate", existing: sameId };
  await housekeeping(ctx);
  const kept = keptOriginal(ingested);
  const verification = ingested.kind === "picture" ? manualEntryReport() : null;
  const { id } = await insertUpload(ctx.db, ctx.user.id, {
    origin,
    file: kept ? { ...kept, sha256: sha256 ?? sha256Hex(kept.bytes) } : null,
    record: ingested.record,
    verification,
    expiresAt: new Date(nowOf(ctx).getTime() + STAGING_TTL_MS),
  });
  const hasImage = ingested.container === "png" || ingested.container === "svg";
  const skillIndex = await getSkillIndex(ctx.db);
  return { kind: "draft", draft: draftFrom(id, origin, ingested.record, hasImage, verification, skillIndex) };
}

// ---- The rows ------------------------------------------------------------------

/** What the learner (or an archive's index) supplies for a credential; everything else comes from the badge data. */
export interface CredentialOwn {
  origin: NewCredential["origin"];
  title: string;
  description: string;
  skills: CredentialSkill[];
  verification: VerificationReport | null;
}

/**
 * A credential's row from its badge data: issuer, dates, criteria, ids, the
 * achievement columns (issue #13) and the raw payload from `record`, never from
 * the form; the learner's title, description and skills from `own`. `facts`
 * replaces the badge-data columns for a typed-in credential restored from an archive.
 */
export function credentialRow(
  record: ParsedCredential | null,
  own: CredentialOwn,
  facts: ReturnType<typeof credentialFields> = credentialFields(record),
): Omit<NewCredential, "file"> {
  return {
    ...facts,
    origin: own.origin,
    title: own.title,
    description: own.description,
    record,
    raw: record?.raw ?? null,
    ...achievementColumns(record),
    verification: own.verification,
    skills: own.skills,
  };
}

/** What is the learner's (or the archive's) for a learner record and each of its nested credentials. */
export interface LearnerRecordOwn {
  origin: NewLearnerRecord["origin"];
  title: string;
  description: string;
  verification: VerificationReport | null;
  file: NewLearnerRecord["file"];
  /** The k-th nested credential's report and skills. */
  nested: (
    credential: ParsedCredential,
    k: number,
  ) => { verification: VerificationReport | null; skills: CredentialSkill[] };
}

/**
 * The learner_records row of a CLR 2.0 and a row for each nested credential
 * (each its own credential: own verification, skills, share slug), the one
 * builder for every door. Titles fall back to "Untitled achievement";
 * descriptions are held to MAX_DESCRIPTION, the form's own limit.
 */
export function learnerRecordRow(record: ParsedCredential, own: LearnerRecordOwn): NewLearnerRecord {
  const { credentials: nested = [], ...rest } = record;
  const fields = credentialFields(record);
  return {
    origin: own.origin,
    spec: record.spec,
    externalId: record.id ?? null,
    title: untitled(own.title),
    description: own.description.slice(0, MAX_DESCRIPTION),
    issuerTitle: record.title ?? null,
    issuerName: fields.issuerName,
    issuerUrl: fields.issuerUrl,
    issuerImage: fields.issuerImage,
    imageUrl: fields.imageUrl,
    issuedOn: fields.issuedOn,
    expires: fields.expires,
    raw: record.raw,
    record: rest,
    achievements: record.clr?.achievements ?? [],
    associations: record.clr?.associations ?? [],
    verification: own.verification,
    file: own.file,
    credentials: nested.map((n, k) => ({
      ...credentialRow(n, {
        origin: own.origin,
        title: untitled(n.title),
        description: (n.description ?? "").slice(0, MAX_DESCRIPTION),
        ...own.nested(n, k),
      }),
      shareSlug: newShareSlug(),
    })),
  };
}

/**
 * A nested credential's own report: its line in the learner record's report
 * (the CLR verifier checks each one against its own issuer), at the learner's
 * level (lib/trust/result.ts forLearner). Null when the record's report has none.
 */
export function nestedReportOf(parent: VerificationReport | null, k: number): VerificationReport | null {
  const entry = parent?.credentials?.[k];
  if (!parent || !entry) return null;
  const { id: _id, title: _title, ...report } = entry;
  return forLearner({ ...report, checkedAt: parent.checkedAt });
}

/**
 * The picture a share page may show for a file without badge data, re-encoded
 * once at save time (never per public request); a baked badge is served as
 * issued and needs none, nor does an SVG. Null when the image can't be shown.
 */
export async function publicCopy(
  record: ParsedCredential | null,
  mimeType: string,
  bytes: () => Promise<Uint8Array | null>,
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  const baked = !!record?.spec && record.source?.container != null;
  if (baked || mimeType !== "image/png") return null;
  const b = await bytes();
  if (!b) return null;
  const img = await publicImageOffThread({ mime: mimeType, bytes: b, baked: false });
  return img ? { bytes: img.bytes, mimeType: img.mime } : null;
}

// ---- Saving ----------------------------------------------------------------------

export interface SaveOptions {
  /** Runs inside the save transaction (the staging row's removal). */
  beforeCommit?: (tx: Db, id: string) => Promise<void>;
  quota?: WalletQuota;
}

/**
 * Saves a credential, its file and skills in one transaction with a fresh share
 * slug. Throws DuplicateCredentialError (an outcome the door reports: "already
 * in your wallet") or WalletError (quota, expired upload) in the learner's words.
 */
export async function saveCredential(
  ctx: Pick<WalletContext, "db" | "user">,
  input: NewCredential,
  opts: SaveOptions = {},
): Promise<{ id: string; shareSlug: string }> {
  return learnerWordsAsync(() => insertCredential(ctx.db, ctx.user.id, input, opts.beforeCommit, opts.quota));
}

/** Saves a learner record and its nested credentials in one transaction; throws like saveCredential. */
export async function saveLearnerRecord(
  ctx: Pick<WalletContext, "db" | "user">,
  input: NewLearnerRecord,
  opts: SaveOptions = {},
): ReturnType<typeof insertLearnerRecord> {
  return learnerWordsAsync(() => insertLearnerRecord(ctx.db, ctx.user.id, input, opts.beforeCommit, opts.quota));
}

function learnerWords<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw walletErrorOf(e) ?? e;
  }
}

async function learnerWordsAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw walletErrorOf(e) ?? e;
  }
}
