// Restoring a "Download everything" ZIP (issue #13 §6) into a wallet: the same
// credentials, learner records, edits, skills and share choices. The archive is
// untrusted: lib/portfolio/zip.ts bounds and checks it, index.json must match the
// files (every file listed, every listed file present, SHA-256 and size equal),
// and each credential is read again from its own bytes by the same code as an
// upload (lib/badges/ingest.ts readCredential, then the rows and saves of
// server/wallet/ingest.ts: the one import path), so issuer, dates and ids come from
// the badge data, never from the index; only what the learner may type anyway
// (title, description, skills, a typed-in credential's facts) and the share
// choices come from the index. Verification runs again (the index's results are
// not trusted); what doesn't finish within the time budget is saved "not
// checked yet" and picked up by the scheduled re-check. Everything is written in
// one transaction, within the wallet's quotas: on any failure nothing is saved.
import type { Db } from "@/db/client";
import { findDuplicate, updateCredentialDetails } from "@/db/queries/credentials";
import { DuplicateCredentialError } from "@/db/queries/credential-errors";
import type { NewCredential } from "@/db/queries/credential-types";
import { findRecordDuplicate, type NewLearnerRecord } from "@/db/queries/learner-records";
import { findTypedInTwin, restoreCredentialState, restoreLearnerRecordAddedAt } from "@/db/queries/export";
import { ensureRecordShare, setRecordShareEnabled } from "@/db/queries/portfolio";
import type { ParsedCredential } from "@/lib/badges/types";
import { manualEntryReport } from "@/lib/badges/verify";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { AppError, type ErrorCode } from "@/lib/errors";
import {
  INDEX_PATH,
  parseIndex,
  type ExportIndex,
  type IndexCredential,
  type IndexLearnerRecord,
} from "@/lib/portfolio/archive";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "@/lib/portfolio/zip";
import { readZipOffThread } from "@/server/workers/offload";
import { acquireRestoreSlot } from "@/server/portfolio/restore-limit";
import { newShareSlug } from "@/lib/share/slug";
import type { CredentialSkill } from "@/lib/wallet/types";
import { WalletError } from "@/server/wallet/errors";
import { credentialFields, sha256Hex, validateEdits } from "@/server/wallet/fields";
import {
  credentialRow,
  learnerRecordRow,
  nestedReportOf,
  publicCopy,
  readCredential,
  saveCredential,
  saveLearnerRecord,
  type Ingested,
} from "@/server/wallet/ingest";
import { walletQuota } from "@/server/wallet/quota";
import type { WalletContext } from "@/server/wallet/types";
import { runVerification } from "@/server/wallet/verification";

export class RestoreError extends AppError {
  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(code, message, { expose: true, status: 422, cause });
    this.name = "RestoreError";
  }
}

export interface RestoreSummary {
  /** Credentials added (nested ones of restored learner records included). */
  added: number;
  /** Credentials and learner records skipped because the wallet already held them. */
  alreadyHeld: number;
  learnerRecords: number;
  /** Added credentials whose verification ran again now; the rest wait for the scheduled re-check. */
  checked: number;
}

export interface RestoreOptions {
  limits?: ZipLimits;
  /** How long verification may take over the whole archive before the rest is left to the schedule. */
  verifyBudgetMs?: number;
}

const VERIFY_CONCURRENCY = 4;
const decoder = new TextDecoder("utf-8", { fatal: true });

function entryName(e: { title: string; path: string | null }): string {
  return `“${e.title.slice(0, 80)}”${e.path ? ` (${e.path.slice(0, 80)})` : ""}`;
}

/**
 * Restores an exported wallet into the learner's wallet. Credentials and records
 * the wallet already holds are skipped. Throws ZipImportError / RestoreError
 * (coded, learner-facing); nothing is written unless everything is.
 */
export async function restoreWalletZip(
  ctx: WalletContext,
  zipBytes: Uint8Array,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  using _slot = acquireRestoreSlot(ctx.user.id);
  const now = ctx.now ? ctx.now() : new Date();
  const { files, index } = await openArchive(zipBytes, opts.limits ?? DEFAULT_ZIP_LIMITS);
  const records = await readLearnerRecords(ctx, index, files);
  const creds = await readCredentials(ctx, index, files, new Set(records.fresh.map((r) => r.n)));
  const checked = await verifyAgain(ctx, creds.fresh, records.fresh, Date.now() + (opts.verifyBudgetMs ?? 60_000));
  const written = await writeAll(ctx, index, records.fresh, creds.fresh, now);
  return {
    added: written.added,
    alreadyHeld: records.alreadyHeld + creds.alreadyHeld + written.alreadyHeld,
    learnerRecords: records.fresh.length,
    checked,
  };
}

// ---- Step 1: the archive and its index -----------------------------------------------

/** Reads the ZIP (bounded by lib/portfolio/zip.ts) and its index, and holds the two to each other. */
async function openArchive(
  zipBytes: Uint8Array,
  limits: ZipLimits,
): Promise<{ files: Map<string, Uint8Array>; index: ExportIndex }> {
  const files = await readZipOffThread(zipBytes, limits);
  const indexBytes = files.get(INDEX_PATH);
  if (!indexBytes)
    throw new RestoreError("ZIP_NO_INDEX", "This ZIP has no index.json, so it isn't a wallet exported from Sash.");
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(indexBytes));
  } catch (err) {
    throw new RestoreError("ZIP_BAD_INDEX", "The ZIP's index.json isn't valid JSON.", err);
  }
  const index = parseIndex(json);
  if ("error" in index)
    throw new RestoreError("ZIP_BAD_INDEX", `The ZIP's index.json isn't a Sash wallet index (${index.error}).`);
  matchFiles(files, index);
  for (const c of index.credentials)
    if (c.learnerRecord !== null && !index.learnerRecords[c.learnerRecord])
      throw new RestoreError("ZIP_BAD_INDEX", `${entryName(c)} names a learner record the index doesn't hold.`);
  return { files, index };
}

/** The archive's files against its index: nothing unlisted, nothing missing, every checksum right. */
function matchFiles(files: Map<string, Uint8Array>, index: ExportIndex): void {
  const listed = new Set<string>([INDEX_PATH]);
  for (const e of [...index.credentials, ...index.learnerRecords]) {
    if (!e.path) continue;
    if (listed.has(e.path)) throw new RestoreError("ZIP_DUPLICATE_NAME", `index.json lists ${e.path} twice.`);
    listed.add(e.path);
    const bytes = files.get(e.path);
    if (!bytes) throw new RestoreError("ZIP_MISSING_FILE", `The ZIP lacks ${entryName(e)}, which its index lists.`);
    if (sha256Hex(bytes) !== e.sha256 || bytes.byteLength !== e.size)
      throw new RestoreError("ZIP_CHECKSUM", `${entryName(e)} in the ZIP isn't the file its index describes.`);
  }
  for (const name of files.keys())
    if (!listed.has(name))
      throw new RestoreError(
        "ZIP_UNLISTED_FILE",
        `The ZIP holds “${name.slice(0, 80)}”, which its index doesn't list.`,
      );
}

/**
 * An archived file or payload read by the one import path, exactly like an
 * upload or a paste (its container sniffed once there; a stored file's type
 * comes from its bytes, never from the index); null when the entry has none.
 */
async function readEntry(
  ctx: WalletContext,
  e: IndexCredential | IndexLearnerRecord,
  bytes: Uint8Array | null,
): Promise<Ingested | null> {
  if (!bytes || !e.kind) return null;
  try {
    const input = e.kind === "file" ? { bytes } : { text: decoder.decode(bytes) };
    return await readCredential(input, { fetcher: ctx.fetcher });
  } catch (err) {
    const why = err instanceof Error && (err as { expose?: boolean }).expose ? ` ${err.message}` : "";
    throw new RestoreError("ZIP_BAD_ENTRY", `Sash couldn't read ${entryName(e)} from the ZIP.${why}`, err);
  }
}

// ---- Step 2: learner records, read from their own payload --------------------------

interface PreparedRecord {
  entry: IndexLearnerRecord;
  n: number;
  record: ParsedCredential;
  file: NewLearnerRecord["file"];
  verification: VerificationReport | null;
}

/** The archive's learner records the wallet doesn't hold yet (their nested credentials come with them). */
async function readLearnerRecords(
  ctx: WalletContext,
  index: ExportIndex,
  files: Map<string, Uint8Array>,
): Promise<{ fresh: PreparedRecord[]; alreadyHeld: number }> {
  const fresh: PreparedRecord[] = [];
  let alreadyHeld = 0;
  for (const [n, e] of index.learnerRecords.entries()) {
    const bytes = e.path ? files.get(e.path)! : null;
    const ingested = await readEntry(ctx, e, bytes);
    const record = ingested?.record;
    if (!ingested || !record || record.spec !== "clr2")
      throw new RestoreError("ZIP_BAD_ENTRY", `${entryName(e)} in the ZIP isn't a learner record (CLR).`);
    const sha = bytes ? sha256Hex(bytes) : null;
    const fileSha256 = e.kind === "file" ? sha : null;
    if (await findRecordDuplicate(ctx.db, ctx.user.id, { externalId: record.id ?? null, fileSha256 })) {
      alreadyHeld++;
      continue;
    }
    const file =
      e.kind === "file" && bytes && sha && ingested.mimeType
        ? { bytes, sha256: sha, mimeType: ingested.mimeType }
        : null;
    fresh.push({ entry: e, n, record, file, verification: null });
  }
  return { fresh, alreadyHeld };
}

// ---- Step 3: credentials on their own ---------------------------------------------

interface PreparedCredential {
  entry: IndexCredential;
  record: ParsedCredential | null;
  edits: { title: string; description: string; skills: CredentialSkill[] };
  facts: ReturnType<typeof credentialFields>;
  file: NewCredential["file"];
  verification: VerificationReport | null;
}

function cleanSkills(list: IndexCredential["skills"]): CredentialSkill[] {
  return list
    .filter((s) => s.name.trim() && s.skillKey.trim())
    .map((s) => ({ name: s.name.trim(), skillKey: s.skillKey.trim(), skillId: s.skillId }));
}

/** The learner's own title, description and skills from the index, held to the form's rules. */
function edits(e: IndexCredential) {
  try {
    return validateEdits({ title: e.title, description: e.description, skills: cleanSkills(e.skills) });
  } catch (err) {
    throw new RestoreError("ZIP_BAD_INDEX", `${entryName(e)}: ${(err as Error).message}`, err);
  }
}

const dateOf = (s: string | null) => (s ? new Date(s) : null);
/** A restored "added on" date: as exported, never in the future. */
const addedAt = (s: string | null, now: Date) => {
  const d = dateOf(s);
  return d && d.getTime() <= now.getTime() ? d : null;
};

/** A typed-in credential's facts are the learner's own, as exported. */
function typedInFacts(e: IndexCredential): ReturnType<typeof credentialFields> {
  return {
    spec: null,
    externalId: null,
    criteriaNarrative: e.criteria.narrative,
    criteriaUrl: e.criteria.url,
    issuerName: e.issuer.name,
    issuerUrl: e.issuer.url,
    issuerImage: null,
    imageUrl: null,
    issuedOn: dateOf(e.issuedOn),
    expires: dateOf(e.expires),
  };
}

/** The archive's credentials the wallet doesn't hold yet (those nested in a restored record come with it). */
async function readCredentials(
  ctx: WalletContext,
  index: ExportIndex,
  files: Map<string, Uint8Array>,
  restoredRecordNs: Set<number>,
): Promise<{ fresh: PreparedCredential[]; alreadyHeld: number }> {
  const fresh: PreparedCredential[] = [];
  let alreadyHeld = 0;
  for (const e of index.credentials) {
    if (e.learnerRecord !== null && restoredRecordNs.has(e.learnerRecord)) continue;
    const bytes = e.path ? files.get(e.path)! : null;
    const ingested = await readEntry(ctx, e, bytes);
    const record = ingested?.record ?? null;
    if (record?.spec === "clr2")
      throw new RestoreError("ZIP_BAD_ENTRY", `${entryName(e)} is a learner record listed as a credential.`);
    const picture = e.kind === "file" && (ingested?.container === "png" || ingested?.container === "svg");
    // Without badge data only a picture (PNG/SVG) or a typed-in credential (no file) is a credential.
    if (!record && (e.kind === "file" ? !picture : e.kind === "payload" || e.origin !== "manual"))
      throw new RestoreError("ZIP_BAD_ENTRY", `${entryName(e)} in the ZIP holds no badge data.`);
    const sha = e.kind === "file" && bytes ? sha256Hex(bytes) : null;
    if (await findDuplicate(ctx.db, ctx.user.id, { externalId: record?.id ?? null, fileSha256: sha })) {
      alreadyHeld++;
      continue;
    }
    const mine = edits(e);
    if (
      !bytes &&
      !record &&
      (await findTypedInTwin(ctx.db, ctx.user.id, { title: mine.title, issuerName: e.issuer.name }))
    ) {
      alreadyHeld++;
      continue;
    }
    const mimeType = ingested?.mimeType;
    const file =
      bytes && sha && e.kind === "file" && mimeType
        ? {
            bytes,
            sha256: sha,
            mimeType,
            publicImage: await publicCopy(record, mimeType, async () => bytes),
          }
        : null;
    fresh.push({
      entry: e,
      record,
      edits: mine,
      facts: record ? credentialFields(record) : typedInFacts(e),
      file,
      verification: null,
    });
  }
  return { fresh, alreadyHeld };
}

// ---- Step 4: verification, again ------------------------------------------------

/** Runs `jobs` a few at a time until `deadline`; a job not started by then resolves null. */
async function pool<T>(jobs: Array<() => Promise<T>>, deadline: number): Promise<Array<T | null>> {
  const out: Array<T | null> = jobs.map(() => null);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && Date.now() < deadline) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(VERIFY_CONCURRENCY, jobs.length) }, worker));
  return out;
}

/**
 * Checks everything again (the index's results are never trusted), bounded in
 * time and concurrency, before the transaction; what the budget leaves out stays
 * "not checked yet". Returns how many checks ran.
 */
async function verifyAgain(
  ctx: WalletContext,
  creds: PreparedCredential[],
  records: PreparedRecord[],
  deadline: number,
): Promise<number> {
  let checked = 0;
  const verify = async (record: ParsedCredential | null): Promise<VerificationReport | null> => {
    if (!record) return manualEntryReport();
    if (Date.now() >= deadline) return null;
    const r = await runVerification(ctx, record);
    checked++;
    return r;
  };
  const reports = await pool(
    creds.map((c) => () => verify(c.record)),
    deadline,
  );
  creds.forEach((c, i) => (c.verification = reports[i] ?? null));
  const recordReports = await pool(
    records.map((r) => () => verify(r.record)),
    deadline,
  );
  records.forEach((r, i) => (r.verification = recordReports[i] ?? null));
  return checked;
}

// ---- Step 5: one transaction ------------------------------------------------------

/** Writes the records, the credentials and the portfolio page's share choice, all or nothing, within the quota. */
async function writeAll(
  ctx: WalletContext,
  index: ExportIndex,
  records: PreparedRecord[],
  creds: PreparedCredential[],
  now: Date,
): Promise<{ added: number; alreadyHeld: number }> {
  const quota = walletQuota();
  let added = 0;
  let alreadyHeld = 0;
  try {
    await ctx.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const inTx = { db: tx, user: ctx.user };
      for (const r of records) {
        const input = learnerRecordRow(r.record, {
          origin: r.entry.origin,
          title: r.entry.title,
          description: r.entry.description,
          verification: r.verification,
          file: r.file,
          // Each nested credential's own line of the record's report; the learner's skills come from the index below.
          nested: (_n, k) => ({ verification: nestedReportOf(r.verification, k), skills: [] }),
        });
        const saved = await saveLearnerRecord(inTx, input, { quota });
        await restoreLearnerRecordAddedAt(tx, ctx.user.id, saved.id, addedAt(r.entry.addedAt, now));
        const entries = index.credentials.filter((c) => c.learnerRecord === r.n);
        for (const s of saved.credentials) {
          if (s.status !== "new") continue;
          added++;
          const e = entries.find((c) => c.learnerRecordIndex === s.index);
          if (!e) continue;
          await updateCredentialDetails(tx, ctx.user.id, s.id, edits(e));
          await restoreCredentialState(tx, ctx.user.id, s.id, { ...shareOf(e), createdAt: addedAt(e.addedAt, now) });
        }
      }
      for (const c of creds) {
        const input = {
          ...credentialRow(c.record, { origin: c.entry.origin, ...c.edits, verification: c.verification }, c.facts),
          file: c.file,
        };
        let saved: { id: string };
        try {
          saved = await saveCredential(inTx, input, { quota });
        } catch (err) {
          // The same credential twice in one archive (or nested in a record restored above): kept once.
          if (err instanceof DuplicateCredentialError) {
            alreadyHeld++;
            continue;
          }
          throw err;
        }
        added++;
        await restoreCredentialState(tx, ctx.user.id, saved.id, {
          ...shareOf(c.entry),
          createdAt: addedAt(c.entry.addedAt, now),
        });
      }
      if (index.recordShare.enabled) {
        await ensureRecordShare(tx, ctx.user.id, newShareSlug());
        await setRecordShareEnabled(tx, ctx.user.id, true);
      }
    });
  } catch (err) {
    // A full wallet, in the words every import door uses (server/wallet/errors.ts).
    if (err instanceof WalletError) throw new RestoreError(err.code, err.message, err);
    throw err;
  }
  return { added, alreadyHeld };
}

function shareOf(e: IndexCredential) {
  return {
    shareEnabled: e.share.enabled,
    shareIndexable: e.share.indexable,
    shareDownloadShowsAddress: e.share.downloadShowsAddress,
  };
}
