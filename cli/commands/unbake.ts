// `npm run --silent sash -- unbake <file>`: read the Open Badge baked into a PNG/SVG file.
// Prints exactly one JSON object; never opens the database. Honours SASH_ALLOW_FETCH_HOSTS.
import { open } from "node:fs/promises";
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { unbake, MAX_INPUT_BYTES } from "@/lib/badges";
import { SashError, isSashError } from "@/lib/badges/errors";
import { createFetcher } from "@/lib/net/fetcher";

function fail(code: string, message: string): number {
  printJson({ ok: false, error: { code, message } });
  return 1;
}

/** Reads at most MAX_INPUT_BYTES + 1 bytes, so an oversized file is refused without loading it. */
async function readCapped(path: string): Promise<Uint8Array> {
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

export const command: CliCommand = {
  summary: "Read the badge baked into a PNG or SVG file: unbake <file>",
  async run(args) {
    const file = args.find((a) => !a.startsWith("-"));
    if (!file) return fail("USAGE", "Usage: npm run --silent sash -- unbake <file.png|file.svg>");
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(file);
    } catch (err) {
      if (isSashError(err)) return fail(err.code, err.message);
      const code = (err as { code?: string }).code;
      return fail("FILE_NOT_READABLE", code === "ENOENT" ? `No such file: ${file}` : `Could not read ${file}.`);
    }
    try {
      const credential = await unbake(bytes, { fetcher: createFetcher() });
      printJson({ ok: true, credential });
      return 0;
    } catch (err) {
      if (isSashError(err)) return fail(err.code, err.message);
      throw err;
    }
  },
};
