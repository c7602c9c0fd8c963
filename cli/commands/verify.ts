// `npm run --silent sash -- verify <file> [--recipient EMAIL]…`: unbake a badge image (or read a
// credential written as JSON or a compact JWS/JWT, decided by content, not name) and verify it check
// by check; a CLR 2.0 record adds `credentials`, one report per nested credential. Prints exactly one
// JSON object; never opens the database. Honours SASH_ALLOW_FETCH_HOSTS.
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { fail, readCredential, readInputFile } from "../files";
import { isSashError } from "@/lib/badges/errors";
import { verifyCredential } from "@/lib/badges/verify";
import { appFetcher, configuredIssuerRegistries } from "@/server/net";
import { presentationIn, verifyPresentationDocument } from "@/lib/presentation/presentation";

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
  summary: "Unbake a badge and check it is genuine: verify <file> [--recipient EMAIL]…",
  async run(args) {
    const { file, emails, error } = parseVerifyArgs(args);
    if (error || !file) return fail("USAGE", `${error} ${USAGE}`);
    const input = await readInputFile(file);
    if ("exitCode" in input) return input.exitCode;
    const { bytes } = input;
    // One fetcher for unbaking and verifying, so each URL is fetched once.
    const fetcher = appFetcher();
    // Issue #13 §6: a Verifiable Presentation (its proof, holder and every credential inside).
    const presentation = presentationIn(bytes);
    if (presentation) {
      printJson({
        ok: true,
        ...(await verifyPresentationDocument(presentation, { fetcher, recipientEmails: emails })),
      });
      return 0;
    }
    try {
      const credential = await readCredential(bytes, fetcher);
      const verification = await verifyCredential(credential, {
        fetcher,
        recipientEmails: emails,
        registries: await configuredIssuerRegistries(),
      });
      printJson({ ok: true, credential, verification });
      return 0;
    } catch (err) {
      if (isSashError(err)) return fail(err.code, err.message);
      throw err;
    }
  },
};
