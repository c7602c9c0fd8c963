// `npm run --silent sash -- verify <file> [--recipient EMAIL]…`: unbake a badge image (or read a
// credential written as JSON or a compact JWS/JWT, decided by content, not name; or a Sash
// presentation) and verify it check by check; a CLR 2.0 record adds `credentials`, one report per
// nested credential. Through the public verifier's service (server/verify/service.ts), so `verdict`
// is what /verify says for the same file: "Verified" when issuer, contents and standing hold, and
// whom it was issued to (matched with --recipient) on its own. Prints exactly one JSON object;
// never opens the database. Honours SASH_ALLOW_FETCH_HOSTS.
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { fail, readInputFile } from "../files";
import { isAppError } from "@/lib/errors";
import { appFetcher, configuredIssuerRegistries } from "@/server/net";
import { verdictsOf, verifyInput } from "@/server/verify/service";

const USAGE = "Usage: npm run --silent sash -- verify <file.png|file.svg|file.json|file.jwt> [--recipient EMAIL]…";

export function parseVerifyArgs(args: string[]): { file: string | null; emails: string[]; error: string | null } {
  const emails: string[] = [];
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--recipient") {
      const v = args[++i];
      if (!v) return { file, emails, error: "--recipient needs an email address." };
      emails.push(v);
    } else if (a.startsWith("--recipient=")) {
      emails.push(a.slice("--recipient=".length));
    } else if (a.startsWith("-")) {
      return { file, emails, error: `Unknown option ${a}.` };
    } else if (file === null) {
      file = a;
    } else {
      return { file, emails, error: "Give one file to verify." };
    }
  }
  return { file, emails, error: file ? null : "Give a file to verify." };
}

export const command: CliCommand = {
  summary: SUMMARIES["verify"],
  async run(args) {
    const { file, emails, error } = parseVerifyArgs(args);
    if (error || !file) return fail("USAGE", `${error} ${USAGE}`);
    const input = await readInputFile(file);
    if ("exitCode" in input) return input.exitCode;
    try {
      // The public verifier's service (issue #20 §6): the same import path, verifier and verdict as /verify.
      // The recipient is compared with --recipient on its own (verdict.recipient); it never decides the result.
      const result = await verifyInput(
        { bytes: input.bytes, email: emails },
        { fetcher: appFetcher(), registries: await configuredIssuerRegistries() },
      );
      const verdict = verdictsOf(result);
      if (result.kind === "presentation") printJson({ ok: true, ...result.report, verdict });
      else printJson({ ok: true, credential: result.credential, verification: result.report, verdict });
      return 0;
    } catch (err) {
      if (isAppError(err) && err.expose) return fail(err.code, err.message);
      throw err;
    }
  },
};
