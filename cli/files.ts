// Shared by the file-reading CLI commands (unbake, verify).
import { open } from "node:fs/promises";
import { MAX_INPUT_BYTES } from "@/lib/badges";
import { SashError, isSashError } from "@/lib/badges/errors";
import { printJson } from "./types";

/** Prints `{ok:false, error}` and returns exit code 1. */
export function fail(code: string, message: string): number {
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
