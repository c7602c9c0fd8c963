// `sash import-skills` end to end on a throwaway embedded database folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { command } from "@/cli/commands/import-skills";
import { commands } from "@/cli/registry";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

async function run(args: string[]): Promise<{ code: number; json: { ok: boolean; [k: string]: unknown } }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await command.run(args);
    return { code, json: JSON.parse(out.join("").trim()) };
  } finally {
    spy.mockRestore();
  }
}

let dir: string;
const saved = { SASH_DATA_DIR: process.env.SASH_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sash-skills-cli-"));
  process.env.SASH_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env.SASH_DATA_DIR = saved.SASH_DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe("sash import-skills", () => {
  it("is registered", () => {
    expect(commands["import-skills"]).toBe(command);
  });

  it("explains its usage", async () => {
    expect(await run([])).toMatchObject({ code: 2, json: { ok: false, error: { code: "USAGE" } } });
    expect(await run(["--format", "csv", fixture("esco-skills-sample.csv")])).toMatchObject({
      code: 2,
      json: { error: { code: "USAGE" } },
    });
    expect(await run(["--format", "esco", path.join(dir, "missing.csv")])).toMatchObject({
      code: 1,
      json: { error: { code: "FILE_NOT_FOUND" } },
    });
  });

  it("imports, then finds nothing new on the second run", async () => {
    expect(await run(["--format", "esco", fixture("esco-skills-sample.csv")])).toEqual({
      code: 0,
      json: {
        ok: true,
        inserted: 5,
        updated: 0,
        skipped: 1,
        relinked: { skills: 0, credentialSkills: 0, jobSkills: 0, courseSkills: 0, pathwaySkills: 0 },
      },
    });
    expect(await run(["--format=esco", fixture("esco-skills-sample.csv")])).toEqual({
      code: 0,
      json: {
        ok: true,
        inserted: 0,
        updated: 0,
        skipped: 6,
        relinked: { skills: 0, credentialSkills: 0, jobSkills: 0, courseSkills: 0, pathwaySkills: 0 },
      },
    });
    expect(await run(["--format", "lightcast", fixture("lightcast-skills-sample.json")])).toEqual({
      code: 0,
      json: {
        ok: true,
        inserted: 3,
        updated: 0,
        skipped: 1,
        relinked: { skills: 0, credentialSkills: 0, jobSkills: 0, courseSkills: 0, pathwaySkills: 0 },
      },
    });
  }, 180_000); // three embedded-database opens; slow on a loaded 2-core machine

  it("reports a file in the wrong format without a stack trace", async () => {
    const { code, json } = await run(["--format", "lightcast", fixture("onet-skills.txt")]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, error: { code: "INVALID_FILE" } });
    expect(String((json.error as { message: string }).message)).toMatch(
      /onet-skills\.txt could not be read as lightcast/,
    );
  });
});
