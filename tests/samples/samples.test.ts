// samples/ (issue #24): every file there runs through `sash verify` (the real CLI,
// a separate process, offline) and answers what samples/README.md's table says it
// will: its verdict, "known issuer · Sash demo issuers" for the signed ones, each
// nested credential of the CLR verified, the stripped picture's NO_BADGE_DATA. And
// the demo issuers are known only where demo data is on.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSash } from "../support/cli";
import { importProblem } from "@/lib/wallet/messages";

const DIR = path.resolve(import.meta.dirname, "../../samples");
const README = readFileSync(path.join(DIR, "README.md"), "utf8");

interface Claim {
  file: string;
  shows: string;
  verdict: "verified" | "failed" | "not verified" | "no badge data";
}

/** The table rows: | `file` | what it is | Sash shows | `sash verify` | */
const CLAIMS: Claim[] = README.split("\n")
  .map((line) => /^\|\s*`([^`]+)`\s*\|[^|]*\|([^|]*)\|([^|]*)\|\s*$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ file: m[1]!, shows: m[2]!.trim(), verdict: m[3]!.trim() as Claim["verdict"] }));

interface Verdict {
  state: string;
  summary: string;
  checks: Array<{ id: string; status: string; message: string }>;
  credentials: Array<{ title: string; state: string }>;
}

async function verify(file: string, env: Record<string, string> = { SASH_DEMO: "1" }) {
  const run = await runSash(["verify", path.join(DIR, file), "--recipient", "demo@sash.local"], {
    env: { SASH_ALLOW_FETCH_HOSTS: "", SASH_ISSUER_REGISTRIES: undefined, ...env },
  });
  return {
    code: run.code,
    out: JSON.parse(run.stdout) as { ok: boolean; verdict?: Verdict; error?: { code: string } },
  };
}

describe("samples/", () => {
  it("has one README line for every file, and a file for every line", () => {
    const files = readdirSync(DIR).filter((f) => f !== "README.md");
    expect(CLAIMS.map((c) => c.file).sort()).toEqual(files.sort());
    expect(files).toEqual(
      expect.arrayContaining([
        "ob2-signed.png",
        "ob2-signed.svg",
        "ob3-data-integrity.png",
        "ob3-vc-jwt.png",
        "clr2-transcript.json",
        "ios-stripped.png",
        "forged.png",
      ]),
    );
  });

  it.each(CLAIMS)("$file: sash verify answers what samples/README.md says ($verdict)", async (claim) => {
    const { code, out } = await verify(claim.file);
    if (claim.verdict === "no badge data") {
      expect(code).toBe(1);
      expect(out.error?.code).toBe("NO_BADGE_DATA");
      // The add page's own heading for it (lib/wallet/messages.ts), then the manual-entry form.
      expect(claim.shows).toContain(importProblem("NO_BADGE_DATA").heading);
      return;
    }
    expect(code).toBe(0);
    const v = out.verdict!;
    expect(v.state.replace("-", " ")).toBe(claim.verdict);
    // The words the table promises start the same way as the verdict's own summary.
    expect(claim.shows.startsWith("Verified")).toBe(v.summary.startsWith("Verified"));
    if (claim.verdict === "verified") {
      expect(claim.shows).toContain("known issuer · Sash demo issuers");
      expect(v.checks.find((c) => c.id === "issuer")?.message).toContain("Known issuer · Sash demo issuers");
    }
    if (claim.verdict === "failed") {
      expect(v.checks.find((c) => c.id === "signature")?.status).toBe("fail");
      expect(claim.shows).toContain("changed after it was signed");
    }
    for (const nested of v.credentials)
      expect({ title: nested.title, state: nested.state }).toMatchObject({ state: "verified" });
    if (claim.file.endsWith(".json")) expect(v.credentials).toHaveLength(2);
  });

  it("names the demo issuers known only where demo data is on", async () => {
    const { out } = await verify("ob3-data-integrity.png", { SASH_DEMO: "0" });
    expect(out.verdict!.state).toBe("not-verified");
    expect(out.verdict!.checks.find((c) => c.id === "issuer")?.message).not.toContain("Sash demo issuers");
  });
});
