// `sash unbake <file>`: exactly one JSON object on stdout, exit 0/1, no database touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { json, startServer, type TestServer } from "../support/net";
import { OB3_CREDENTIAL, basePng, bakePng, iTXt } from "../support/bake";

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

function sash(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/sash.ts", ...args],
      {
        cwd: process.cwd(),
        env: { ...process.env, SASH_DATA_DIR: path.join(dir, "db-must-not-exist"), DATABASE_URL: "", ...env },
      },
      (err, stdout) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout }),
    );
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON reply, read field by field by the assertions
function onlyJson(stdout: string): any {
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

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
