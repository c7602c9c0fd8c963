// The "Download everything" archive (issue #13 §6): what index.json holds and
// where each file goes. Pure: the export service fills it from the database,
// the restore service reads it back (parseIndex) before trusting anything.
//
//   index.json
//   credentials/NNN-<title>.<png|svg|json|jwt|txt>   the original upload or payload, byte for byte
//   learner-records/NNN-<title>.<…>                  a learner record's (CLR's) own payload
//
// index.json (version 1):
//   format "sash-wallet-export", version 1, exportedAt (ISO 8601)
//   recordShare: { enabled }                         the /record page's link was on or off
//   credentials[]: path (null for a typed-in credential without a picture), kind
//     ("file": the stored upload; "payload": the raw JSON / JWT / URL text), mimeType,
//     sha256 and size of that file; spec, origin, externalId; the learner's own
//     title, description and skills (name, skillKey, skillId); the issuer's own
//     title and description; issuer name and url, issuedOn, expires, criteria
//     (what a typed-in credential consists of); share { enabled, indexable,
//     downloadShowsAddress }; verification { result, checkedAt } as of the export
//     (informational: a restore checks again); addedAt; learnerRecord (index into
//     learnerRecords) and learnerRecordIndex for credentials nested in a CLR.
//   learnerRecords[]: path, kind, mimeType, sha256, size, spec, origin, externalId,
//     title, description, issuerName, verification, addedAt.
// Never in it: the learner's email addresses, password hash or account id, share
// slugs (a restored wallet gets new links), internal ids, or anyone else's data.
import { z } from "zod";

export const EXPORT_FORMAT = "sash-wallet-export";
export const EXPORT_VERSION = 1;
export const INDEX_PATH = "index.json";

const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => z.string().max(max).nullable();
const isoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(new Date(s).getTime()), "not a date")
  .nullable();

const fileFields = {
  path: z.string().max(255).nullable(),
  kind: z.enum(["file", "payload"]).nullable(),
  mimeType: nullableText(100),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  size: z.number().int().min(0).nullable(),
};

export const indexCredentialSchema = z.object({
  ...fileFields,
  spec: nullableText(20),
  origin: z.enum(["upload", "url", "paste", "manual"]),
  externalId: nullableText(2048),
  title: text(500),
  description: text(20_000),
  issuerTitle: nullableText(2000),
  issuerDescription: nullableText(20_000),
  issuer: z.object({ name: nullableText(500), url: nullableText(2048) }),
  issuedOn: isoDate,
  expires: isoDate,
  criteria: z.object({ narrative: nullableText(20_000), url: nullableText(2048) }),
  skills: z.array(z.object({ name: text(200), skillKey: text(300), skillId: nullableText(300) })).max(200),
  share: z.object({ enabled: z.boolean(), indexable: z.boolean(), downloadShowsAddress: z.boolean() }),
  verification: z.object({ result: nullableText(20), checkedAt: isoDate }).nullable(),
  addedAt: isoDate,
  learnerRecord: z.number().int().min(0).nullable(),
  learnerRecordIndex: z.number().int().min(0).nullable(),
});

export const indexLearnerRecordSchema = z.object({
  ...fileFields,
  spec: text(20),
  origin: z.enum(["upload", "url", "paste"]),
  externalId: nullableText(2048),
  title: text(500),
  description: text(20_000),
  issuerName: nullableText(500),
  verification: z.object({ result: nullableText(20) }).nullable(),
  addedAt: isoDate,
});

export const exportIndexSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: isoDate,
  recordShare: z.object({ enabled: z.boolean() }),
  credentials: z.array(indexCredentialSchema).max(10_000),
  learnerRecords: z.array(indexLearnerRecordSchema).max(10_000),
});

export type ExportIndex = z.infer<typeof exportIndexSchema>;
export type IndexCredential = z.infer<typeof indexCredentialSchema>;
export type IndexLearnerRecord = z.infer<typeof indexLearnerRecordSchema>;

/** A file-name-safe stem of a title: "Data Analysis (2024)!" → "data-analysis-2024". */
export function fileStem(title: string): string {
  const s = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "credential";
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The extension for a stored file's MIME type, or for a raw payload's text. */
export function extensionFor(kind: "file" | "payload", mimeTypeOrText: string): string {
  if (kind === "file") {
    if (mimeTypeOrText === "image/png") return "png";
    if (mimeTypeOrText === "image/svg+xml") return "svg";
    if (/json/.test(mimeTypeOrText)) return "json";
    if (/jwt|jose/.test(mimeTypeOrText)) return "jwt";
    return "bin";
  }
  const t = mimeTypeOrText.trim();
  if (t.startsWith("{") || t.startsWith("[")) return "json";
  if (COMPACT_JWS.test(t)) return "jwt";
  return "txt";
}

/** `dir/NNN-stem.ext`, numbered from 1 in export order (so names never collide). */
export function entryPath(dir: "credentials" | "learner-records", n: number, title: string, ext: string): string {
  return `${dir}/${String(n).padStart(4, "0")}-${fileStem(title)}.${ext}`;
}

export function parseIndex(json: unknown): ExportIndex | { error: string } {
  const r = exportIndexSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  return { error: `${issue.path.join(".") || "index"}: ${issue.message}` };
}
