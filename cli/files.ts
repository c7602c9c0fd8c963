// Shared by the file-reading CLI commands (unbake, verify).
import { open } from "node:fs/promises";
import {
  MAX_INPUT_BYTES,
  importPayload,
  sniffContainer,
  unbake,
  type ParsedCredential,
  type Fetcher,
} from "@/lib/badges";
import { SashError, isSashError } from "@/lib/badges/errors";
import type { ErrorCode } from "@/lib/errors";
import { printJson } from "./types";

/** Prints `{ok:false, error}` and returns exit code 1. */
export function fail(code: ErrorCode, message: string): number {
  printJson({ ok: false, error: { code, message } });
  return 1;
}

/** Reads a file, refusing one over MAX_INPUT_BYTES without loading it. */
export async function readCapped(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > MAX_INPUT_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Reads the command's input file, or prints the error object and gives the exit code. */
export async function readInputFile(file: string): Promise<{ bytes: Uint8Array } | { exitCode: number }> {
  try {
    return { bytes: await readCapped(file) };
  } catch (err) {
    if (isSashError(err)) return { exitCode: fail(err.code, err.message) };
    const code = (err as { code?: string }).code;
    return {
      exitCode: fail("FILE_NOT_READABLE", code === "ENOENT" ? `No such file: ${file}` : `Could not read ${file}.`),
    };
  }
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The credential in a file, decided by its content, never its name: a PNG or SVG image is unbaked;
 * a text file holding a credential as JSON or as a compact JWS/JWT is read as pasted text. Either
 * way the same record (an OB 1.0/2.0/3.0 badge, or a CLR 2.0 learner record with its credentials).
 */
export async function readCredential(bytes: Uint8Array, fetcher: Fetcher): Promise<ParsedCredential> {
  const sniffed = sniffContainer(bytes);
  // Images, and files of a known other format (JPEG, PDF, …: UNSUPPORTED_FILE naming it).
  if (sniffed.kind !== "other" || sniffed.format !== "unknown") return unbake(bytes, { fetcher });
  const text = new TextDecoder("utf-8").decode(bytes);
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed.startsWith("{") || COMPACT_JWS.test(trimmed)) return importPayload(text, { fetcher });
  throw new SashError(
    "UNSUPPORTED_FILE",
    "This file isn't a PNG or SVG badge image, nor a credential written as JSON or as a signed token (JWT).",
  );
}
