// `sash verify` gives the same verdicts as /verify (issue #20 §6): the CLI and the public
// verifier's service run on the same files — a baked badge image with --recipient, a
// changed credential, a holder-signed presentation — and say the same thing, word for word.
// The CLI is a real child process; neither side may reach the network.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signHolderPresentation } from "@/lib/presentation/presentation";
import { verdictsOf, verifyInput } from "@/server/verify/service";
import { createFetcher } from "@/lib/net/fetcher";
import { runSash } from "../support/cli";
import { didKeySigner, ob3Credential, signEddsaRdfc2022, tamperJson } from "../support/verify";
import { bakePng, noisePng } from "../support/wallet";

let dir: string;
const EMAIL = "ada@example.org";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-verify-same-"));
  const issuer = await didKeySigner();
  const holder = await didKeySigner();
  const credential = await signEddsaRdfc2022(ob3Credential(issuer.did), issuer);
  const text = JSON.stringify(credential);
  fs.writeFileSync(path.join(dir, "badge.png"), bakePng(noisePng(24, 24, 7), text, "openbadgecredential"));
  fs.writeFileSync(path.join(dir, "changed.json"), tamperJson(text, "Works well"));
  const vp = await signHolderPresentation(
    [credential],
    { did: holder.did, methodId: holder.methodId, signer: holder.key.signer() },
    { id: "urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  );
  fs.writeFileSync(path.join(dir, "presentation.json"), JSON.stringify(vp));
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sash(args: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const { code, stdout } = await runSash(["verify", ...args], {
    dataDir: path.join(dir, "db-must-not-exist"),
    env: { SASH_ALLOW_FETCH_HOSTS: "" },
  });
  return { code, out: JSON.parse(stdout.trim()) };
}

const CASES: Array<{ file: string; email: string[] }> = [
  { file: "badge.png", email: [EMAIL] },
  { file: "badge.png", email: ["someone@else.example"] },
  { file: "changed.json", email: [] },
  { file: "presentation.json", email: [EMAIL] },
];

describe("sash verify and /verify give the same verdicts", () => {
  it.each(CASES)("$file $email", async ({ file, email }) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    const cli = await sash([path.join(dir, file), ...email.flatMap((e) => ["--recipient", e])]);
    expect(cli.code).toBe(0);
    // The service as /verify calls it, with the same fetcher rules (no allowed hosts) and registries (the defaults).
    const page = verdictsOf(
      await verifyInput({ bytes: new Uint8Array(bytes), email }, { fetcher: createFetcher({ allowHosts: [] }) }),
    );
    expect(cli.out.verdict).toEqual(JSON.parse(JSON.stringify(page)));
    expect(page.summary.startsWith(page.state === "verified" ? "Verified — " : "Not verified — ")).toBe(true);
    if (file === "changed.json") expect(page.state).toBe("failed");
    if (file === "badge.png") expect(page.recipient).toContain(email[0] === EMAIL ? "it matches" : "does not match");
    if (file === "presentation.json") expect(page.kind).toBe("presentation");
  });
});
