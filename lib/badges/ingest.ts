// The one way in for badge data (issue #19 §1). Every door — a file upload, a
// web address, pasted text, a CLR, a file in a restored "Download everything"
// ZIP, and the doors still to come (an issuer pushing over the OB API,
// OpenID4VCI) — turns its bytes or text into an `Ingested` value here: the
// container it came in, the format read from it, the parsed credential or CLR
// learner record, and the raw input. Anything unreadable is a coded refusal
// (SashError, or ImageTooLargeError for a PNG over the pixel budget).
//
// The container is decided ONCE, by identifyInput, and passed on: the PNG
// budget check runs only for a PNG, and the unbaker is told the container
// instead of looking at the bytes again. Pure: the only I/O is the injected
// Fetcher (hosted OB 1.0/2.0 documents, as before). server/wallet/ingest.ts
// takes the result to a staged upload, a saved credential or a learner record.
import { SashError, isSashError } from "./errors";
import { sniffContainer } from "./sniff";
import { importPayload, unbake } from "./unbake";
import { MAX_INPUT_BYTES } from "./limits";
import type { ParsedCredential, BadgeSpec, Fetcher } from "./types";
import { checkPngBudget, ImageTooLargeError } from "../share/image";
import { credentialFileText } from "../wallet/records";

/** How the input came: a baked PNG or SVG, a JSON or JWT document, or other text (a web address). */
export type IngestContainer = "png" | "svg" | "json" | "jwt" | "text";

export type IngestInput = { bytes: Uint8Array } | { text: string };

export interface IngestOptions {
  /** Reaches hosted badge data; absent = offline (the URLs it could not follow are listed in `unresolved`). */
  fetcher?: Fetcher;
}

/** The input with its container decided (no payload read yet). */
export interface Identified {
  container: IngestContainer;
  /** The input's bytes, when it came as bytes (a file). */
  bytes: Uint8Array | null;
  /** The payload text for json / jwt / text containers (BOM and outer spaces removed); null for an image. */
  text: string | null;
  /** The type a kept file is stored under (decided by its content, never by a name); null for text input. */
  mimeType: string | null;
  /** Text input that is a single web address (a hosted badge): the "url" door rather than "paste". */
  isAddress: boolean;
}

export interface Ingested extends Identified {
  /** "picture": an image without badge data (it can still be entered by hand). */
  kind: "credential" | "learner-record" | "picture";
  /** The Open Badges / CLR format read from it; null for a picture. */
  format: BadgeSpec | null;
  /** The parsed credential or CLR learner record (spec "clr2", nested credentials in `credentials`); null for a picture. */
  record: ParsedCredential | null;
}

const JWT_TEXT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MIME: Record<IngestContainer, string> = {
  png: "image/png",
  svg: "image/svg+xml",
  json: "application/json",
  jwt: "application/jwt",
  text: "text/plain",
};

function textContainer(t: string): "json" | "jwt" | "text" {
  if (t.startsWith("{")) return "json";
  return JWT_TEXT.test(t) ? "jwt" : "text";
}

/**
 * Decides the input's container, once: by magic bytes for a file (PNG, SVG, or
 * a .json/.jwt file holding a credential), by its shape for text. A PNG is held
 * to the pixel budget here (issue #12 §2), before anything decodes it. Throws
 * SashError (PAYLOAD_TOO_LARGE, UNSUPPORTED_FILE, CORRUPT_IMAGE,
 * INVALID_PAYLOAD) or ImageTooLargeError.
 */
export function identifyInput(input: IngestInput): Identified {
  if ("text" in input) {
    const t = input.text.replace(/^\uFEFF/, "").trim();
    if (!t)
      throw new SashError("INVALID_PAYLOAD", "Paste the badge's web address, its JSON or its signed token (JWT).");
    const container = textContainer(t);
    return {
      container,
      bytes: null,
      text: t,
      mimeType: null,
      isAddress: container === "text" && /^https?:\/\//i.test(t) && !/\s/.test(t),
    };
  }
  const bytes = input.bytes;
  if (bytes.byteLength > MAX_INPUT_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
  if (bytes.byteLength === 0)
    throw new SashError("UNSUPPORTED_FILE", "This file is empty. Choose the badge image you downloaded.");
  const sniffed = sniffContainer(bytes);
  if (sniffed.kind === "other") {
    // A .json or .jwt file holding a credential (a CLR is often sent this way): read like pasted data.
    const text = sniffed.format === "unknown" ? credentialFileText(bytes) : null;
    if (text) {
      const container = textContainer(text) === "json" ? "json" : "jwt";
      return { container, bytes, text, mimeType: MIME[container], isAddress: false };
    }
    throw new SashError(
      "UNSUPPORTED_FILE",
      sniffed.format !== "unknown"
        ? `This is a ${sniffed.format} file, not a PNG or SVG badge image. Download the badge as PNG or SVG from your issuer and try again.`
        : undefined,
    );
  }
  if (sniffed.kind === "png") {
    // The declared size against the pixel budget, and the image data inflated under a cap.
    try {
      checkPngBudget(bytes);
    } catch (e) {
      if (e instanceof ImageTooLargeError) throw e;
      throw new SashError("CORRUPT_IMAGE", undefined, { cause: e });
    }
  }
  return { container: sniffed.kind, bytes, text: null, mimeType: MIME[sniffed.kind], isAddress: false };
}

/** Reads the badge data of identified input (the unbaker gets the container, not the bytes to sniff again). */
export async function readIdentified(id: Identified, opts: IngestOptions = {}): Promise<Ingested> {
  let record: ParsedCredential | null = null;
  if (id.container === "png" || id.container === "svg") {
    try {
      record = await unbake(id.bytes!, { fetcher: opts.fetcher, container: id.container });
    } catch (e) {
      if (!(isSashError(e) && e.code === "NO_BADGE_DATA")) throw e;
    }
  } else {
    record = await importPayload(id.text!, { fetcher: opts.fetcher });
  }
  return {
    ...id,
    kind: !record ? "picture" : record.spec === "clr2" ? "learner-record" : "credential",
    format: record?.spec ?? null,
    record,
  };
}

/** Bytes or text in, one Ingested (container, format, credential or learner record, raw input) out; throws a coded refusal. */
export async function readCredential(input: IngestInput, opts: IngestOptions = {}): Promise<Ingested> {
  return readIdentified(identifyInput(input), opts);
}

/**
 * The original the wallet keeps for an upload: an image always (its picture is
 * shown), a .json/.jwt file only when it is a learner record (a single
 * credential keeps its payload text, which the file adds nothing to).
 */
export function keptOriginal(ing: Ingested): { bytes: Uint8Array; mimeType: string } | null {
  if (!ing.bytes || !ing.mimeType) return null;
  if (ing.container === "png" || ing.container === "svg" || ing.kind === "learner-record")
    return { bytes: ing.bytes, mimeType: ing.mimeType };
  return null;
}
