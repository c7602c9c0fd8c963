// `sash verify <presentation.json>` (issue #13 §6): one JSON object with the presentation's
// own checks and one report per credential inside; exit 0. A tampered copy is invalid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signHolderPresentation } from "@/lib/presentation/presentation";
import { runSash } from "../support/cli";
import { didKeySigner, ob3Credential, signEddsaRdfc2022, tamperJson } from "../support/verify";

let dir: string;
let holderDid: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-vp-cli-"));
  const issuer = await didKeySigner();
  const holder = await didKeySigner();
  holderDid = holder.did;
  const credential = await signEddsaRdfc2022(ob3Credential(issuer.did), issuer);
  // Issue #20: a did:key alone is key only; the CLI reads this issuer from a registry file.
  fs.writeFileSync(
    path.join(dir, "registry.json"),
    JSON.stringify({
      meta: { name: "Sash test issuers" },
      registry: { [issuer.did]: { name: "Sash Test University" } },
    }),
  );
  const vp = await signHolderPresentation(
    [credential],
    { did: holder.did, methodId: holder.methodId, signer: holder.key.signer() },
    { id: "urn:uuid:5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f" },
  );
  const text = JSON.stringify(vp, null, 2);
  fs.writeFileSync(path.join(dir, "vp.json"), text);
  fs.writeFileSync(path.join(dir, "tampered.json"), tamperJson(text, "Works well"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const sash = (args: string[]) =>
  runSash(args, {
    dataDir: path.join(dir, "db-must-not-exist"),
    env: { SASH_ISSUER_REGISTRIES: path.join(dir, "registry.json") },
  });

describe("sash verify <presentation>", () => {
  it("prints type presentation, holder, result, checks and one report per credential", async () => {
    const { code, stdout } = await sash(["verify", path.join(dir, "vp.json")]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out).toMatchObject({ ok: true, type: "presentation", holder: holderDid, result: "valid" });
    expect(out.checks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ["signature", "pass"],
      ["holder", "pass"],
      ["credentials", "pass"],
    ]);
    expect(out.credentials).toHaveLength(1);
    expect(out.credentials[0]).toMatchObject({
      id: "urn:uuid:2f1f5f35-bb2b-4cbb-9e2c-bd3d1ef0f7a1",
      title: "Teamwork",
      result: "valid",
    });
    expect(out.credentials[0].checks.map((c: { id: string }) => c.id)).toContain("signature");
    expect(fs.existsSync(path.join(dir, "db-must-not-exist"))).toBe(false);
  });

  it("a tampered presentation is invalid, naming the credential that changed", async () => {
    const out = JSON.parse((await sash(["verify", path.join(dir, "tampered.json")])).stdout.trim());
    expect(out.result).toBe("invalid");
    expect(out.checks[0]).toMatchObject({ id: "signature", status: "fail" });
    expect(out.credentials[0].result).toBe("invalid");
  });
});
