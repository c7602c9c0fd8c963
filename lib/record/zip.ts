// Reading and writing the "Download everything" ZIP (issue #13 §6) with yauzl /
// yazl. Reading is for archives anyone can upload, so it is bounded before
// anything is inflated: the number of entries, each entry's and the total
// uncompressed size, the compression ratio, and safe, unique names; yauzl's
// validateEntrySizes then stops an entry that inflates past what it declared,
// and nested archives and encrypted entries are refused. Every refusal is a
// ZipImportError with a stable code and a learner-facing message.
import yauzl from "yauzl";
import yazl from "yazl";
import { AppError } from "../errors";

export interface ZipLimits {
  /** Entries in the archive, directories included. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of an entry, for entries over 64 KiB uncompressed. */
  maxRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_500,
  maxEntryBytes: 16 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 200,
};

export type ZipErrorCode =
  | "ZIP_INVALID"
  | "ZIP_TOO_MANY_ENTRIES"
  | "ZIP_TOO_LARGE"
  | "ZIP_RATIO"
  | "ZIP_UNSAFE_PATH"
  | "ZIP_DUPLICATE_NAME"
  | "ZIP_NESTED"
  | "ZIP_ENCRYPTED";

export class ZipImportError extends AppError {
  constructor(code: ZipErrorCode | string, message: string, cause?: unknown) {
    super(code, message, { expose: true, status: 422, cause });
    this.name = "ZipImportError";
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Whether the bytes are a ZIP archive (local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC);
}

const NAME_DECODER = new TextDecoder("utf-8", { fatal: true });

/**
 * A safe relative path, or an error: no absolute path, drive letter, backslash,
 * "." or ".." segment, control character, or empty segment; at most 255 bytes.
 */
export function checkEntryName(raw: Uint8Array): string {
  let name: string;
  try {
    name = NAME_DECODER.decode(raw);
  } catch (e) {
    throw new ZipImportError("ZIP_UNSAFE_PATH", "The ZIP holds a file whose name isn't valid text.", e);
  }
  const bad = () =>
    new ZipImportError(
      "ZIP_UNSAFE_PATH",
      `The ZIP holds a file named “${name.slice(0, 80).replace(/[\u0000-\u001f]/g, "?")}”, which points outside the archive or isn't a plain relative name. Sash only reads ZIPs it made itself.`,
    );
  if (raw.byteLength === 0 || raw.byteLength > 255) throw bad();
  if (/[\u0000-\u001f\u007f\\]/.test(name) || name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw bad();
  const segments = name.replace(/\/$/, "").split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) throw bad();
  return name;
}

function openZip(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    ),
  );
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const parts: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > cap) {
          stream.destroy(new ZipImportError("ZIP_TOO_LARGE", "A file in the ZIP is larger than it says."));
          return;
        }
        parts.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(parts, total)));
    });
  });
}

/**
 * The files of a ZIP (directories left out), by name, with every limit checked.
 * Throws ZipImportError.
 */
export async function readZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Map<string, Uint8Array>> {
  if (!looksLikeZip(bytes)) throw new ZipImportError("ZIP_INVALID", "This file isn't a ZIP archive.");
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buf);
  } catch (e) {
    throw new ZipImportError("ZIP_INVALID", "This ZIP archive is damaged or incomplete, so Sash can't read it.", e);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipImportError(
      "ZIP_TOO_MANY_ENTRIES",
      `This ZIP holds ${zip.entryCount.toLocaleString("en")} files; Sash reads at most ${limits.maxEntries.toLocaleString("en")}.`,
    );
  }
  const out = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on("error", (e) =>
        fail(
          e instanceof ZipImportError
            ? e
            : new ZipImportError("ZIP_INVALID", "This ZIP archive is damaged or incomplete, so Sash can't read it.", e),
        ),
      );
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        void (async () => {
          const name = checkEntryName(entry.fileNameRaw);
          // Names are compared as the file systems that would unpack them do (case-insensitively).
          const key = name.replace(/\/$/, "").normalize("NFC").toLowerCase();
          if (seen.has(key))
            throw new ZipImportError("ZIP_DUPLICATE_NAME", `The ZIP holds two files named “${name.slice(0, 80)}”.`);
          seen.add(key);
          if (name.endsWith("/")) return;
          if (entry.isEncrypted())
            throw new ZipImportError("ZIP_ENCRYPTED", "The ZIP is password-protected; export it again from Sash.");
          if (/\.(zip|jar|7z|rar|gz|tgz|tar)$/i.test(name))
            throw new ZipImportError("ZIP_NESTED", `The ZIP holds another archive (“${name.slice(0, 80)}”).`);
          if (entry.uncompressedSize > limits.maxEntryBytes)
            throw new ZipImportError("ZIP_TOO_LARGE", `“${name.slice(0, 80)}” in the ZIP is too large.`);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes)
            throw new ZipImportError("ZIP_TOO_LARGE", "The ZIP's files add up to more than Sash reads at once.");
          if (
            entry.uncompressedSize > 65_536 &&
            entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
          )
            throw new ZipImportError(
              "ZIP_RATIO",
              `“${name.slice(0, 80)}” in the ZIP is compressed suspiciously well (a “zip bomb”?), so Sash won't unpack it.`,
            );
          if (!entry.canDecodeFileData())
            throw new ZipImportError("ZIP_INVALID", `“${name.slice(0, 80)}” uses a compression Sash can't read.`);
          const data = await readEntry(zip, entry, entry.uncompressedSize);
          if (looksLikeZip(data))
            throw new ZipImportError("ZIP_NESTED", `The ZIP holds another archive (“${name.slice(0, 80)}”).`);
          out.set(name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        })().then(
          () => zip.readEntry(),
          (e) =>
            fail(
              e instanceof ZipImportError
                ? e
                : new ZipImportError("ZIP_INVALID", "This ZIP archive is damaged, so Sash can't read it.", e),
            ),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return out;
}

/** A ZIP of `entries` (names as given, deflated), as one buffer. */
export function writeZip(entries: Array<{ path: string; bytes: Uint8Array }>, mtime = new Date()): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength), e.path, { mtime });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => parts.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(parts)));
  });
}
