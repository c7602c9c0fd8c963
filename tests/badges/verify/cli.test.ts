// `sash verify <file>`: one JSON object on stdout, exit 0 with the report, exit 1 with the unbake error.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSash } from "../../support/cli";
import { haveRealFixtures, REAL_FIXTURES } from "../../support/fixtures";

const REAL = REAL_FIXTURES;
const HAVE = haveRealFixtures(
  "SOURCES.md",
  "json/dcc_v2-di-didkey_basic-ob3.json",
  "png/NEG_mozilla-backpack-testfile_unbaked.png",
);

async function sash(args: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const { code, stdout } = await runSash(["verify", ...args], { env: { SASH_ALLOW_FETCH_HOSTS: "" } });
  return { code, out: JSON.parse(stdout) };
}

describe.skipIf(!HAVE)("sash verify", () => {
  it("prints the credential and the verification report for a pasted payload file", async () => {
    const { code, out } = await sash([
      path.join(REAL, "json/dcc_v2-di-didkey_basic-ob3.json"),
      "--recipient",
      "nobody@example.org",
    ]);
    expect(code).toBe(0);
    expect(out.ok).toBe(true);
    expect((out.credential as { spec: string }).spec).toBe("ob3");
    const v = out.verification as { result: string; checks: Array<{ id: string; status: string }> };
    // Issue #20: its did:key issuer is in no default registry, so it is identified by its key only.
    expect(v.result).toBe("indeterminate");
    expect(v.checks.find((c) => c.id === "signature")!.status).toBe("pass");
    expect(v.checks.find((c) => c.id === "issuer")!.status).toBe("warn");
  });

  it("prints the unbake error and exits 1 for an image without badge data", async () => {
    const { code, out } = await sash([path.join(REAL, "png/NEG_mozilla-backpack-testfile_unbaked.png")]);
    expect(code).toBe(1);
    expect(out).toEqual({ ok: false, error: { code: "NO_BADGE_DATA", message: expect.any(String) } });
  });
});
