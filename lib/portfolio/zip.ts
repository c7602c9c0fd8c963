// Reading and writing the "Download everything" ZIP (issue #13 §6) with yauzl /
// yazl. Reading is for archives anyone can upload, so it is checked before
// anything is inflated (issue #25 §4): the central directory is read first and
// every entry's name (safe, unique, not a nested archive), encryption, size and
// compression ratio are checked, and the declared sizes together must stay
// within a total and within a ratio of the archive's own size (no exemption for
// small entries); then index.json alone is inflated and every other file must be
// one it lists, so an unlisted entry is refused before a byte of it is
// inflated. Only then are the listed files inflated, each stopped past what it
// declared (yauzl's validateEntrySizes and our own count) and all of them
// counted together as they stream. Nested archives and encrypted entries are
// refused. Every refusal is a ZipImportError with a stable code and a
// learner-facing message.
import yauzl from "yauzl";
import yazl from "yazl";
import { AppError } from "../errors";
import { INDEX_PATH, parseIndex } from "./archive";

export interface ZipLimits {
  /** Entries in the archive, directories included. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together (declared, and counted as they inflate). */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of each entry (every entry, whatever its size). */
  maxRatio: number;
  /**
   * Uncompressed bytes of all entries together ÷ the archive's own size (default 50). It bounds
   * what a small archive can make the server inflate, overlapping entries included.
   */
  maxArchiveRatio?: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_500,
  maxEntryBytes: 16 * MiB,
  // A full wallet is at most SASH_MAX_STORAGE_MB (default 200 MB) of stored files, plus payloads and the index.
  maxTotalBytes: 240 * MiB,
  maxRatio: 200,
  maxArchiveRatio: 50,
};

/** An entry of at most this many bytes passes the per-entry ratio whatever its compressed size (deflate's floor). */
const RATIO_SLACK_BYTES = 1024;

export type ZipErrorCode =
  | "ZIP_INVALID"
  | "ZIP_TOO_MANY_ENTRIES"
  | "ZIP_TOO_LARGE"
  | "ZIP_RATIO"
  | "ZIP_UNSAFE_PATH"
  | "ZIP_DUPLICATE_NAME"
  | "ZIP_NESTED"
  | "ZIP_ENCRYPTED"
  | "ZIP_NO_INDEX"
  | "ZIP_BAD_INDEX"
  | "ZIP_UNLISTED_FILE";

export class ZipImportError extends AppError {
  declare readonly code: ZipErrorCode;
  constructor(code: ZipErrorCode, message: string, cause?: unknown) {
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
      // autoClose off: entries are read after the whole central directory has been walked.
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    ),
  );
}

const damaged = (e: unknown) =>
  e instanceof ZipImportError
    ? e
    : new ZipImportError("ZIP_INVALID", "This ZIP archive is damaged or incomplete, so Sash can't read it.", e);

/** Every entry of the central directory, without inflating anything. */
function centralDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("error", (e) => reject(damaged(e)));
    zip.on("end", () => resolve(entries));
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

let inflatedTotal = 0;

/** Bytes inflated by readZip in this process so far (for tests and diagnostics). */
export function zipBytesInflated(): number {
  return inflatedTotal;
}

/** Inflates one entry, at most `cap` bytes; `count` sees each chunk as it arrives and may refuse it by throwing. */
function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number, count: (n: number) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const parts: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        try {
          count(chunk.byteLength);
          if (total > cap) throw new ZipImportError("ZIP_TOO_LARGE", "A file in the ZIP is larger than it says.");
        } catch (e) {
          stream.destroy(e as Error);
          return;
        }
        parts.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(parts, total)));
    });
  });
}

export interface ReadZipOptions {
  /**
   * The entry inflated first, whose bytes `listed` reads (default "index.json", the wallet
   * export's index); null reads any archive, with no listing.
   */
  manifest?: string | null;
  /**
   * The names the archive may hold besides the manifest, from the manifest's bytes (null when the
   * archive has none); throws a coded error to refuse. Default: the paths index.json lists.
   */
  listed?: (manifest: Uint8Array | null) => Iterable<string>;
  /** Called with the size of each chunk as it is inflated. */
  onInflate?: (bytes: number) => void;
}

const indexDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The paths a wallet export's index.json lists (credentials' and learner records' files). Throws
 * ZipImportError ZIP_NO_INDEX / ZIP_BAD_INDEX. The restore checks the index in full afterwards.
 */
export function walletListing(indexBytes: Uint8Array | null): Set<string> {
  if (!indexBytes)
    throw new ZipImportError("ZIP_NO_INDEX", "This ZIP has no index.json, so it isn't a wallet exported from Sash.");
  let json: unknown;
  try {
    json = JSON.parse(indexDecoder.decode(indexBytes));
  } catch (err) {
    throw new ZipImportError("ZIP_BAD_INDEX", "The ZIP's index.json isn't valid JSON.", err);
  }
  const index = parseIndex(json);
  if ("error" in index)
    throw new ZipImportError("ZIP_BAD_INDEX", `The ZIP's index.json isn't a Sash wallet index (${index.error}).`);
  const paths = new Set<string>();
  for (const e of [...index.credentials, ...index.learnerRecords]) if (e.path) paths.add(e.path);
  return paths;
}

/**
 * The files of a ZIP (directories left out), by name, with every limit checked and — by default —
 * every file listed in its index.json (see ReadZipOptions). Throws ZipImportError.
 */
export async function readZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  options: ReadZipOptions = {},
): Promise<Map<string, Uint8Array>> {
  const manifest = options.manifest === undefined ? INDEX_PATH : options.manifest;
  const listed = options.listed ?? walletListing;
  if (!looksLikeZip(bytes)) throw new ZipImportError("ZIP_INVALID", "This file isn't a ZIP archive.");
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buf);
  } catch (e) {
    throw new ZipImportError("ZIP_INVALID", "This ZIP archive is damaged or incomplete, so Sash can't read it.", e);
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ZipImportError(
        "ZIP_TOO_MANY_ENTRIES",
        `This ZIP holds ${zip.entryCount.toLocaleString("en")} files; Sash reads at most ${limits.maxEntries.toLocaleString("en")}.`,
      );

    // 1. The central directory: names, flags and declared sizes, nothing inflated.
    const files: Array<{ name: string; entry: yauzl.Entry }> = [];
    const seen = new Set<string>();
    let declared = 0;
    for (const entry of await centralDirectory(zip)) {
      const name = checkEntryName(entry.fileNameRaw);
      // Names are compared as the file systems that would unpack them do (case-insensitively).
      const key = name.replace(/\/$/, "").normalize("NFC").toLowerCase();
      if (seen.has(key))
        throw new ZipImportError("ZIP_DUPLICATE_NAME", `The ZIP holds two files named “${name.slice(0, 80)}”.`);
      seen.add(key);
      if (name.endsWith("/")) continue;
      if (entry.isEncrypted())
        throw new ZipImportError("ZIP_ENCRYPTED", "The ZIP is password-protected; export it again from Sash.");
      if (/\.(zip|jar|7z|rar|gz|tgz|tar)$/i.test(name))
        throw new ZipImportError("ZIP_NESTED", `The ZIP holds another archive (“${name.slice(0, 80)}”).`);
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw new ZipImportError("ZIP_TOO_LARGE", `“${name.slice(0, 80)}” in the ZIP is too large.`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes)
        throw new ZipImportError("ZIP_TOO_LARGE", "The ZIP's files add up to more than Sash reads at once.");
      if (entry.uncompressedSize > Math.max(RATIO_SLACK_BYTES, limits.maxRatio * entry.compressedSize))
        throw new ZipImportError(
          "ZIP_RATIO",
          `“${name.slice(0, 80)}” in the ZIP is compressed suspiciously well (a “zip bomb”?), so Sash won't unpack it.`,
        );
      if (!entry.canDecodeFileData())
        throw new ZipImportError("ZIP_INVALID", `“${name.slice(0, 80)}” uses a compression Sash can't read.`);
      files.push({ name, entry });
    }
    // The whole archive: against its own size, so many small (or overlapping) entries can't add up.
    const archiveRatio = limits.maxArchiveRatio ?? DEFAULT_ZIP_LIMITS.maxArchiveRatio!;
    if (declared > Math.max(RATIO_SLACK_BYTES, archiveRatio * bytes.byteLength))
      throw new ZipImportError(
        "ZIP_RATIO",
        "The files in this ZIP are compressed suspiciously well (a “zip bomb”?), so Sash won't unpack it.",
      );

    // 2. Inflating, counted chunk by chunk against what the archive declared in total.
    const cap = Math.min(declared, limits.maxTotalBytes);
    let inflated = 0;
    const count = (n: number) => {
      inflated += n;
      inflatedTotal += n;
      options.onInflate?.(n);
      if (inflated > cap) throw new ZipImportError("ZIP_TOO_LARGE", "The ZIP's files inflate to more than they say.");
    };
    const out = new Map<string, Uint8Array>();
    const inflate = async ({ name, entry }: { name: string; entry: yauzl.Entry }) => {
      let data: Buffer;
      try {
        data = await readEntry(zip, entry, entry.uncompressedSize, count);
      } catch (e) {
        throw damaged(e);
      }
      if (looksLikeZip(data))
        throw new ZipImportError("ZIP_NESTED", `The ZIP holds another archive (“${name.slice(0, 80)}”).`);
      out.set(name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    };

    // 3. The manifest alone, then every other name checked against it before any of them is inflated.
    let rest = files;
    if (manifest !== null) {
      const own = files.find((f) => f.name === manifest);
      if (own) await inflate(own);
      const allowed = new Set(listed(own ? out.get(manifest)! : null));
      rest = files.filter((f) => f !== own);
      for (const f of rest)
        if (!allowed.has(f.name))
          throw new ZipImportError(
            "ZIP_UNLISTED_FILE",
            `The ZIP holds “${f.name.slice(0, 80)}”, which its index doesn't list.`,
          );
    }
    for (const f of rest) await inflate(f);
    return out;
  } finally {
    zip.close();
  }
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
