// `sash unbake <file>`: exactly one JSON object on stdout, exit 0/1, no database touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onlyJson, runSash } from "../support/cli";
import { json, startServer, type TestServer } from "../support/net";
import { OB3_CREDENTIAL, basePng, bakePng, iTXt } from "../support/bake";
import { clrCredential, jwtClr, signedClr } from "../support/clr";
import { didKeySigner, signEddsaRdfc2022 } from "../support/verify";

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-unbake-cli-"));
  server = await startServer({
    "/badge.json": json({
      type: "BadgeClass",
      name: "Served Locally",
      issuer: { name: "Local Issuer" },
      tags: ["Testing"],
    }),
  });
  fs.writeFileSync(
    path.join(dir, "ob3.png"),
    bakePng(basePng(), [iTXt("openbadgecredential", JSON.stringify(OB3_CREDENTIAL))]),
  );
  fs.writeFileSync(path.join(dir, "plain.png"), basePng());
  fs.writeFileSync(path.join(dir, "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
  const hosted = {
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: "urn:x",
    issuedOn: "2024-01-01",
    recipient: { identity: "a@b.c", hashed: false, type: "email" },
    badge: `${server.origin}/badge.json`,
  };
  fs.writeFileSync(path.join(dir, "hosted.png"), bakePng(basePng(), [iTXt("openbadges", JSON.stringify(hosted))]));
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const registryFile = () => path.join(dir, "test-registry.json");
const sash = (args: string[], env: Record<string, string> = {}) =>
  runSash(args, { dataDir: path.join(dir, "db-must-not-exist"), env });

describe("sash unbake", () => {
  it("prints {ok:true, credential} and exits 0", async () => {
    const { code, stdout } = await sash(["unbake", path.join(dir, "ob3.png")]);
    expect(code).toBe(0);
    const out = onlyJson(stdout);
    expect(out.ok).toBe(true);
    expect(out.credential).toMatchObject({
      spec: "ob3",
      title: "Data Literacy",
      source: { container: "png", encoding: "json" },
    });
  });

  it("prints {ok:false, error:{code,message}} and exits 1", async () => {
    for (const [file, expected] of [
      ["plain.png", "NO_BADGE_DATA"],
      ["photo.jpg", "UNSUPPORTED_FILE"],
      ["missing.png", "FILE_NOT_READABLE"],
    ]) {
      const { code, stdout } = await sash(["unbake", path.join(dir, file!)]);
      expect(code).toBe(1);
      const out = onlyJson(stdout);
      expect(out).toEqual({ ok: false, error: { code: expected, message: expect.any(String) } });
    }
  });

  it("honours SASH_ALLOW_FETCH_HOSTS and never opens the database", async () => {
    const { code, stdout } = await sash(["unbake", path.join(dir, "hosted.png")], {
      SASH_ALLOW_FETCH_HOSTS: `127.0.0.1:${server.port}`,
    });
    expect(code).toBe(0);
    expect(onlyJson(stdout).credential).toMatchObject({
      title: "Served Locally",
      issuer: { name: "Local Issuer" },
      skills: ["Testing"],
      unresolved: [],
    });
    expect(fs.existsSync(path.join(dir, "db-must-not-exist"))).toBe(false);
  });
});

describe("sash unbake and sash verify: PNG, SVG or a credential text file, decided by content (issue #13)", () => {
  let clrJson: string;
  beforeAll(async () => {
    const { clr, nested, clrSigner, nestedSigner } = await signedClr({ count: 3 });
    clrJson = JSON.stringify(clr);
    // Named .png but holding JSON text: read as text, because it isn't a PNG.
    fs.writeFileSync(path.join(dir, "record.png"), clrJson);
    fs.writeFileSync(path.join(dir, "record-baked.png"), bakePng(basePng(), [iTXt("openbadgecredential", clrJson)]));
    // The second nested credential changed after it was signed; the record re-signed over it.
    const tampered = structuredClone(nested);
    (tampered[1]!.credentialSubject as { achievement: { name: string } }).achievement.name = "Course 2 (edited)";
    const signer = await didKeySigner();
    const forged = await signEddsaRdfc2022(clrCredential(signer.did, { nested: tampered }), signer);
    fs.writeFileSync(path.join(dir, "tampered.json"), JSON.stringify(forged, null, 2));
    const { jwt, clrIssuer, nestedIssuer } = await jwtClr(2);
    fs.writeFileSync(path.join(dir, "record-jwt.dat"), `\uFEFF${jwt}\n`);
    // Issue #20: a did:key / did:jwk alone is key only; the CLI reads these issuers from a registry file.
    const listed = [clrSigner, nestedSigner, signer, clrIssuer, nestedIssuer];
    fs.writeFileSync(
      registryFile(),
      JSON.stringify({
        meta: { name: "Sash test issuers" },
        registry: Object.fromEntries(listed.map((i) => [i.did, { name: "Sash Test College" }])),
      }),
    );
    fs.writeFileSync(path.join(dir, "notes.txt"), "Remember to add my transcript.\n");
  });

  it("unbake: the same record from a baked PNG and from a JSON file named .png; nested records in document order", async () => {
    const outs = await Promise.all([
      sash(["unbake", path.join(dir, "record-baked.png")]),
      sash(["unbake", path.join(dir, "record.png")]),
    ]);
    const [baked, text] = outs.map(({ code, stdout }) => {
      expect(code).toBe(0);
      return onlyJson(stdout).credential;
    });
    for (const c of [baked, text]) {
      expect(c).toMatchObject({
        spec: "clr2",
        title: "Sash Test College Transcript",
        issuer: { name: "Sash Test College" },
        issuedOn: "2020-01-01T00:00:00Z",
        raw: clrJson,
      });
      expect(c.credentials.map((n: { title: string; spec: string }) => [n.spec, n.title])).toEqual([
        ["ob3", "Course 1"],
        ["ob3", "Course 2"],
        ["ob3", "Course 3"],
      ]);
    }
    expect(baked.source).toEqual({ container: "png", encoding: "json", keyword: "openbadgecredential" });
    expect(text.source).toEqual({ container: null, encoding: "json", keyword: null });
  });

  it("verify: one report per nested credential in the same order; a tampered one makes the record invalid and is named", async () => {
    const env = { SASH_ISSUER_REGISTRIES: registryFile() };
    const [good, bad, jwt] = await Promise.all([
      sash(["verify", path.join(dir, "record-baked.png")], env),
      sash(["verify", path.join(dir, "tampered.json")], env),
      sash(["verify", path.join(dir, "record-jwt.dat")], env),
    ]);
    const g = onlyJson(good.stdout);
    expect(good.code).toBe(0);
    expect(g.verification.result).toBe("valid");
    expect(g.verification.credentials.map((c: { title: string; result: string }) => [c.title, c.result])).toEqual([
      ["Course 1", "valid"],
      ["Course 2", "valid"],
      ["Course 3", "valid"],
    ]);
    expect(g.verification.credentials[0]).toEqual({
      id: g.credential.credentials[0].id,
      title: "Course 1",
      result: "valid",
      checks: expect.arrayContaining([expect.objectContaining({ id: "signature", status: "pass" })]),
    });
    const b = onlyJson(bad.stdout);
    expect(b.verification.result).toBe("invalid");
    expect(b.verification.checks.find((c: { id: string }) => c.id === "signature").status).toBe("pass");
    expect(b.verification.credentials.map((c: { title: string; result: string }) => [c.title, c.result])).toEqual([
      ["Course 1", "valid"],
      ["Course 2 (edited)", "invalid"],
      ["Course 3", "valid"],
    ]);
    const j = onlyJson(jwt.stdout);
    expect(j.credential).toMatchObject({ spec: "clr2", source: { container: null, encoding: "vc-jwt" } });
    expect(j.verification.result).toBe("valid");
    expect(j.verification.credentials).toHaveLength(2);
  });

  it("a text file that is no credential: UNSUPPORTED_FILE, exit 1", async () => {
    for (const cmd of ["unbake", "verify"]) {
      const { code, stdout } = await sash([cmd, path.join(dir, "notes.txt")]);
      expect(code).toBe(1);
      expect(onlyJson(stdout)).toEqual({ ok: false, error: { code: "UNSUPPORTED_FILE", message: expect.any(String) } });
    }
  });
});
