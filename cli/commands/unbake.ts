// `npm run --silent sash -- unbake <file>`: read the Open Badge baked into a PNG/SVG file.
// Prints exactly one JSON object; never opens the database. Honours SASH_ALLOW_FETCH_HOSTS.
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { fail, readInputFile } from "../files";
import { unbake } from "@/lib/badges";
import { isSashError } from "@/lib/badges/errors";
import { createFetcher } from "@/lib/net/fetcher";

export const command: CliCommand = {
  summary: "Read the badge baked into a PNG or SVG file: unbake <file>",
  async run(args) {
    const file = args.find((a) => !a.startsWith("-"));
    if (!file) return fail("USAGE", "Usage: npm run --silent sash -- unbake <file.png|file.svg>");
    const input = await readInputFile(file);
    if ("exitCode" in input) return input.exitCode;
    const { bytes } = input;
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
