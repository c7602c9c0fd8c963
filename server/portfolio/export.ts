// "Download everything" (issue #13 §6): one ZIP with each credential's original
// file or payload byte for byte, each learner record's (CLR's) own payload, and
// index.json (lib/portfolio/archive.ts says what is in it). Only the signed-in
// learner's rows are read. Memory: the learner's stored files are held once
// while the archive is built, so it is bounded by their storage quota
// (SASH_MAX_STORAGE_MB) plus the text payloads.
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { listExportCredentials, listExportLearnerRecords } from "@/db/queries/export";
import { getRecordShare } from "@/db/queries/portfolio";
import {
  entryPath,
  extensionFor,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  INDEX_PATH,
  type ExportIndex,
  type IndexCredential,
  type IndexLearnerRecord,
} from "@/lib/portfolio/archive";
import { writeZipOffThread } from "@/server/workers/offload";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface WalletExport {
  index: ExportIndex;
  files: Array<{ path: string; bytes: Uint8Array }>;
}

/** What goes into the ZIP, without zipping it (the tests compare this with a restore). */
export async function collectExport(db: Db, userId: string, now: Date = new Date()): Promise<WalletExport> {
  const [creds, records, share] = await Promise.all([
    listExportCredentials(db, userId),
    listExportLearnerRecords(db, userId),
    getRecordShare(db, userId),
  ]);
  const files: WalletExport["files"] = [];
  const fileOf = (
    dir: "credentials" | "learner-records",
    title: string,
    file: { mimeType: string; bytes: Uint8Array } | null,
    raw: string | null,
  ) => {
    let bytes: Uint8Array | null = null;
    let kind: "file" | "payload" | null = null;
    let mimeType: string | null = null;
    let ext = "bin";
    if (file) {
      bytes = file.bytes;
      kind = "file";
      mimeType = file.mimeType;
      ext = extensionFor("file", file.mimeType);
    } else if (raw) {
      bytes = new TextEncoder().encode(raw);
      kind = "payload";
      ext = extensionFor("payload", raw);
      mimeType = ext === "json" ? "application/json" : ext === "jwt" ? "application/jwt" : "text/plain";
    }
    if (!bytes) return { path: null, kind: null, mimeType: null, sha256: null, size: null };
    const path = entryPath(dir, files.length + 1, title, ext);
    files.push({ path, bytes });
    return { path, kind, mimeType, sha256: sha256(bytes), size: bytes.byteLength };
  };

  const recordIndex = new Map(records.map((r, i) => [r.id, i]));
  const learnerRecords: IndexLearnerRecord[] = records.map((r) => ({
    ...fileOf("learner-records", r.title, r.file, r.raw),
    spec: r.spec,
    origin: r.origin as IndexLearnerRecord["origin"],
    externalId: r.externalId,
    title: r.title,
    description: r.description,
    issuerName: r.issuerName,
    verification: { result: r.verificationResult },
    addedAt: iso(r.createdAt),
  }));
  const credentials: IndexCredential[] = creds.map((c) => ({
    ...fileOf("credentials", c.title, c.file, c.raw),
    spec: c.spec,
    origin: c.origin as IndexCredential["origin"],
    externalId: c.externalId,
    title: c.title,
    description: c.description,
    issuerTitle: c.issuerTitle,
    issuerDescription: c.issuerDescription,
    issuer: { name: c.issuerName, url: c.issuerUrl },
    issuedOn: iso(c.issuedOn),
    expires: iso(c.expires),
    criteria: { narrative: c.criteriaNarrative, url: c.criteriaUrl },
    skills: c.skills,
    share: {
      enabled: c.shareEnabled,
      indexable: c.shareIndexable,
      downloadShowsAddress: c.shareDownloadShowsAddress,
    },
    verification: { result: c.verificationResult, checkedAt: iso(c.verifiedAt) },
    addedAt: iso(c.createdAt),
    learnerRecord: c.learnerRecordId ? (recordIndex.get(c.learnerRecordId) ?? null) : null,
    learnerRecordIndex: c.learnerRecordId ? c.learnerRecordIndex : null,
  }));
  return {
    index: {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      recordShare: { enabled: share?.enabled ?? false },
      credentials,
      learnerRecords,
    },
    files,
  };
}

/** The learner's whole wallet as one ZIP, and a file name for it. */
export async function exportWalletZip(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<{ zip: Buffer; filename: string; entries: number }> {
  const ex = await collectExport(db, userId, now);
  const index = new TextEncoder().encode(JSON.stringify(ex.index, null, 2) + "\n");
  const zip = await writeZipOffThread([{ path: INDEX_PATH, bytes: index }, ...ex.files], now);
  return { zip, filename: `sash-wallet-${now.toISOString().slice(0, 10)}.zip`, entries: ex.files.length + 1 };
}
