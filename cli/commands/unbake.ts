// `npm run --silent sash -- unbake <file>`: read the Open Badge baked into a PNG/SVG file, or the credential
// (OB 3.0, CLR 2.0, …) a text file holds as JSON or as a compact JWS/JWT (decided by content, not name).
// Prints exactly one JSON object; never opens the database. Honours SASH_ALLOW_FETCH_HOSTS.
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { fail, readCredential, readInputFile } from "../files";
import { isSashError } from "@/lib/badges/errors";
import { appFetcher } from "@/server/net";

export const command: CliCommand = {
  summary: SUMMARIES["unbake"],
  async run(args) {
    const file = args.find((a) => !a.startsWith("-"));
    if (!file) return fail("USAGE", "Usage: npm run --silent sash -- unbake <file.png|file.svg|file.json|file.jwt>");
    const input = await readInputFile(file);
    if ("exitCode" in input) return input.exitCode;
    const { bytes } = input;
    try {
      const credential = await readCredential(bytes, appFetcher());
      printJson({ ok: true, credential });
      return 0;
    } catch (err) {
      if (isSashError(err)) return fail(err.code, err.message);
      throw err;
    }
  },
};
