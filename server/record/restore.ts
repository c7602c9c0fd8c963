// Restoring a "Download everything" ZIP (issue #13 §6) into a wallet: the same
// credentials, learner records, edits, skills and share choices. The archive is
// untrusted: lib/record/zip.ts bounds and checks it, index.json must match the
// files (every file listed, every listed file present, SHA-256 and size equal),
// and each credential is read again from its own bytes by the same code as an
// upload (lib/badges unbake / importPayload), so issuer, dates and ids come from
// the badge data, never from the index; only what the learner may type anyway
// (title, description, skills, a typed-in credential's facts) and the share
// choices come from the index. Verification runs again (the index's results are
// not trusted); what doesn't finish within the time budget is saved "not
// checked yet" and picked up by the scheduled re-check. Everything is written in
// one transaction, within the wallet's quotas: on any failure nothing is saved.
import type { Db } from "@/db/client";
import {
  DuplicateCredentialError,
  findDuplicate,
  QuotaExceededError,
  updateCredentialDetails,
  type NewCredential,
} from "@/db/queries/credentials";
import { findRecordDuplicate, insertLearnerRecord, type NewLearnerRecord } from "@/db/queries/learner-records";
import { findTypedInTwin, restoreCredentialState, restoreLearnerRecordAddedAt } from "@/db/queries/export";
import { ensureRecordShare, setRecordShareEnabled } from "@/db/queries/record";
import { isSashError } from "@/lib/badges/errors";
import { sniffContainer } from "@/lib/badges/sniff";
import type { BadgeRecord } from "@/lib/badges/types";
import { importPayload, unbake } from "@/lib/badges/unbake";
import { manualEntryReport } from "@/lib/badges/verify";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { AppError, type ErrorCode } from "@/lib/errors";
import {
  INDEX_PATH,
  parseIndex,
  type ExportIndex,
  type IndexCredential,
  type IndexLearnerRecord,
} from "@/lib/record/archive";
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits } from "@/lib/record/zip";
import { acquireRestoreSlot } from "@/server/record/restore-limit";
import { checkPngBudget, toPublicImage } from "@/lib/share/image";
import { newShareSlug } from "@/lib/share/slug";
import { untitled } from "@/lib/wallet/records";
import type { CredentialSkill } from "@/lib/wallet/types";
import { achievementColumns } from "@/server/wallet/achievements";
import { insertCredential } from "@/server/wallet/credentials";
import {
  credentialFields,
  runVerification,
  sha256Hex,
  validateEdits,
  type WalletContext,
} from "@/server/wallet/import";
import { quotaMessage, walletQuota } from "@/server/wallet/quota";

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

/** The badge data in an archived file or payload, read like an upload; null for a picture without any. */
async function readEntry(ctx: WalletContext, e: IndexCredential | IndexLearnerRecord, bytes: Uint8Array | null) {
  if (!bytes || !e.kind) return null;
  try {
    if (e.kind === "file") {
      const sniffed = sniffContainer(bytes);
      if (sniffed.kind === "png" || sniffed.kind === "svg") {
        if (sniffed.kind === "png") checkPngBudget(bytes);
        try {
          return await unbake(bytes, { fetcher: ctx.fetcher });
        } catch (err) {
          if (isSashError(err) && err.code === "NO_BADGE_DATA") return null;
          throw err;
        }
      }
    }
    return await importPayload(decoder.decode(bytes), { fetcher: ctx.fetcher });
  } catch (err) {
    const why = err instanceof Error && (err as { expose?: boolean }).expose ? ` ${err.message}` : "";
    throw new RestoreError("ZIP_BAD_ENTRY", `Sash couldn't read ${entryName(e)} from the ZIP.${why}`, err);
  }
}

/** The stored file's type, from its bytes (never from the index): a PNG or SVG picture, else the JSON or JWT text. */
function storedMimeType(bytes: Uint8Array): string {
  const sniffed = sniffContainer(bytes);
  if (sniffed.kind === "png") return "image/png";
  if (sniffed.kind === "svg") return "image/svg+xml";
  return bytes[0] === 0x7b ? "application/json" : "application/jwt";
}

function cleanSkills(list: IndexCredential["skills"]): CredentialSkill[] {
  return list
    .filter((s) => s.name.trim() && s.skillKey.trim())
    .map((s) => ({ name: s.name.trim(), skillKey: s.skillKey.trim(), skillId: s.skillId }));
}

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

interface PreparedCredential {
  entry: IndexCredential;
  input: NewCredential;
}

interface PreparedRecord {
  entry: IndexLearnerRecord;
  n: number;
  input: NewLearnerRecord;
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
  const files = await readZip(zipBytes, opts.limits ?? DEFAULT_ZIP_LIMITS);
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

  const deadline = Date.now() + (opts.verifyBudgetMs ?? 60_000);
  let checked = 0;
  const verify = async (record: BadgeRecord | null): Promise<VerificationReport | null> => {
    if (!record) return manualEntryReport();
    if (Date.now() >= deadline) return null;
    const r = await runVerification(ctx, record);
    checked++;
    return r;
  };

  // Learner records: read from their own payload; their nested credentials come with them.
  const records: PreparedRecord[] = [];
  let alreadyHeld = 0;
  for (const [n, e] of index.learnerRecords.entries()) {
    const record = await readEntry(ctx, e, e.path ? files.get(e.path)! : null);
    if (!record || record.spec !== "clr2")
      throw new RestoreError("ZIP_BAD_ENTRY", `${entryName(e)} in the ZIP isn't a learner record (CLR).`);
    const bytes = e.path ? files.get(e.path)! : null;
    const sha = bytes ? sha256Hex(bytes) : null;
    if (
      await findRecordDuplicate(ctx.db, ctx.user.id, {
        externalId: record.id ?? null,
        fileSha256: e.kind === "file" ? sha : null,
      })
    ) {
      alreadyHeld++;
      continue;
    }
    const { credentials: nested = [], ...own } = record;
    const fields = credentialFields(record);
    records.push({
      entry: e,
      n,
      input: {
        origin: e.origin,
        spec: record.spec,
        externalId: record.id ?? null,
        title: untitled(e.title),
        description: e.description.slice(0, 10_000),
        issuerTitle: record.title ?? null,
        issuerName: fields.issuerName,
        issuerUrl: fields.issuerUrl,
        issuerImage: fields.issuerImage,
        imageUrl: fields.imageUrl,
        issuedOn: fields.issuedOn,
        expires: fields.expires,
        raw: record.raw,
        record: own as BadgeRecord,
        achievements: record.clr?.achievements ?? [],
        associations: record.clr?.associations ?? [],
        verification: null,
        file: e.kind === "file" && bytes && sha ? { bytes, sha256: sha, mimeType: storedMimeType(bytes) } : null,
        credentials: nested.map((c) => ({
          ...credentialFields(c),
          origin: e.origin,
          title: untitled(c.title),
          description: (c.description ?? "").slice(0, 10_000),
          record: c,
          raw: c.raw,
          ...achievementColumns(c),
          verification: null,
          skills: [],
          shareSlug: newShareSlug(),
        })),
      },
    });
  }

  // Credentials on their own (those nested in a restored record come with it).
  const creds: PreparedCredential[] = [];
  const restoredRecordNs = new Set(records.map((r) => r.n));
  for (const e of index.credentials) {
    if (e.learnerRecord !== null && restoredRecordNs.has(e.learnerRecord)) continue;
    const bytes = e.path ? files.get(e.path)! : null;
    const record = await readEntry(ctx, e, bytes);
    if (record?.spec === "clr2")
      throw new RestoreError("ZIP_BAD_ENTRY", `${entryName(e)} is a learner record listed as a credential.`);
    const picture = e.kind === "file" && !!bytes && storedMimeType(bytes).startsWith("image/");
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
    const fields = record
      ? credentialFields(record)
      : {
          // A typed-in credential: its facts are the learner's own, as exported.
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
    let publicImage: { bytes: Uint8Array; mimeType: string } | null = null;
    if (bytes && sha && !record && storedMimeType(bytes) === "image/png") {
      const img = toPublicImage({ mime: "image/png", bytes, baked: false });
      publicImage = img ? { bytes: img.bytes, mimeType: img.mime } : null;
    }
    creds.push({
      entry: e,
      input: {
        ...fields,
        origin: e.origin,
        title: mine.title,
        description: mine.description,
        record,
        raw: record?.raw ?? null,
        ...achievementColumns(record),
        verification: null,
        file:
          bytes && sha && e.kind === "file"
            ? {
                bytes,
                sha256: sha,
                mimeType: storedMimeType(bytes),
                ...(publicImage ? { publicImage } : {}),
              }
            : null,
        skills: mine.skills,
      },
    });
  }

  // Verify again (bounded in time and concurrency), before the transaction.
  const reports = await pool(
    creds.map((c) => () => verify(c.input.record)),
    deadline,
  );
  creds.forEach((c, i) => (c.input.verification = reports[i] ?? null));
  const recordReports = await pool(
    records.map((r) => () => verify({ ...r.input.record, credentials: r.input.credentials.map((c) => c.record!) })),
    deadline,
  );
  for (const [i, r] of records.entries()) {
    const report = recordReports[i] ?? null;
    r.input.verification = report;
    r.input.credentials.forEach((c, k) => {
      const entry = report?.credentials?.[k];
      if (entry) {
        const { id: _id, title: _title, ...own } = entry;
        c.verification = { ...own, checkedAt: report!.checkedAt };
      }
    });
  }

  const quota = walletQuota();
  let added = 0;
  try {
    await ctx.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      for (const r of records) {
        const saved = await insertLearnerRecord(tx, ctx.user.id, r.input, undefined, quota);
        await restoreLearnerRecordAddedAt(tx, ctx.user.id, saved.id, addedAt(r.entry.addedAt, now));
        const entries = index.credentials.filter((c) => c.learnerRecord === r.n);
        for (const s of saved.credentials) {
          if (s.status !== "new") continue;
          added++;
          const e = entries.find((c) => c.learnerRecordIndex === s.index);
          if (!e) continue;
          const mine = edits(e);
          await updateCredentialDetails(tx, ctx.user.id, s.id, mine);
          await restoreCredentialState(tx, ctx.user.id, s.id, { ...shareOf(e), createdAt: addedAt(e.addedAt, now) });
        }
      }
      for (const c of creds) {
        let saved: { id: string };
        try {
          saved = await insertCredential(tx, ctx.user.id, c.input, undefined, quota);
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
    if (err instanceof QuotaExceededError) throw new RestoreError("QUOTA_EXCEEDED", quotaMessage(err), err);
    throw err;
  }
  return { added, alreadyHeld, learnerRecords: records.length, checked };
}

function shareOf(e: IndexCredential) {
  return {
    shareEnabled: e.share.enabled,
    shareIndexable: e.share.indexable,
    shareDownloadShowsAddress: e.share.downloadShowsAddress,
  };
}
