// Streaming parsers for ESCO CSV, O*NET text and Lightcast JSON, on small sample files.
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEscoCsv, parseLightcastJson, parseOnetText, type ImportedSkill } from "@/lib/skills/importers";
import { escoKey } from "@/lib/skills/importers/esco";
import { streamJsonArrayObjects } from "@/lib/skills/importers/json-stream";
import { syntheticEscoCsv } from "../support/synthetic-esco";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const skillsOf = (rows: Array<ImportedSkill | { skipped: string }>) =>
  rows.filter((r): r is ImportedSkill => !("skipped" in r));

/** Splits text into small chunks at awkward places, as a file stream might. */
function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe("ESCO CSV", () => {
  it("reads labels, multi-line alt labels, type and description", async () => {
    const rows = await collect(parseEscoCsv(createReadStream(fixture("esco-skills-sample.csv"))));
    const skills = skillsOf(rows);
    expect(skills).toHaveLength(5);
    expect(rows.filter((r) => "skipped" in r)).toHaveLength(1);
    expect(skills[0]).toEqual({
      source: "esco",
      sourceUri: "0005c151-5b5a-4a66-8aac-60e734beb1ab",
      label: "manage musical staff",
      aliases: ["coordinate duties of musical staff", "manage music staff", "direct musical staff"],
      category: "ESCO skill/competence",
      description:
        "Assign and manage staff tasks in areas such as scoring, arranging, copying music and vocal coaching.",
    });
    expect(skills[1].description).toContain('regulations "as written".');
    expect(skills[2]).toMatchObject({
      label: "Java (computer programming)",
      aliases: ["Java", "Java programming"],
      category: "ESCO knowledge",
    });
  });

  it("keeps accents and CJK text as written", async () => {
    const skills = skillsOf(await collect(parseEscoCsv(createReadStream(fixture("esco-skills-sample.csv")))));
    expect(skills[3].label).toBe("café-style service à la carte");
    expect(skills[3].description).toContain("crème brûlée");
    expect(skills[4]).toMatchObject({ label: "データ分析を行う", aliases: ["データ解析", "数据分析"] });
  });

  it("parses the same whatever the chunk boundaries", async () => {
    const text = readFileSync(fixture("esco-skills-sample.csv"), "utf8");
    const whole = await collect(parseEscoCsv([text]));
    const bytes = Buffer.from(text, "utf8");
    // 7-byte chunks split multi-byte characters; the decoder must rejoin them.
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    expect(await collect(parseEscoCsv(pieces))).toEqual(whole);
  });

  it("takes the UUID of a concept URI as its key", () => {
    expect(escoKey("http://data.europa.eu/esco/skill/0005C151-5b5a-4a66-8aac-60e734beb1ab")).toBe(
      "0005c151-5b5a-4a66-8aac-60e734beb1ab",
    );
    expect(escoKey("urn:other")).toBe("urn:other");
  });

  it("streams a full-size synthetic file", async () => {
    const skills = skillsOf(await collect(parseEscoCsv(chunked(syntheticEscoCsv(2000), 65536))));
    expect(skills).toHaveLength(2000);
    expect(new Set(skills.map((s) => s.sourceUri)).size).toBe(2000);
    expect(skills[0].aliases.length).toBeGreaterThanOrEqual(3);
  });
});

describe("O*NET text files", () => {
  it("Technology Skills: one skill per distinct example, commodity as category", async () => {
    const skills = skillsOf(
      await collect(parseOnetText(createReadStream(fixture("onet-technology-skills.txt")), "Technology Skills.txt")),
    );
    expect(skills.map((s) => s.label)).toEqual([
      "Microsoft Excel",
      "Amazon Web Services AWS software",
      "Python",
      'HashiCorp "Terraform"',
    ]);
    expect(skills[0]).toMatchObject({ sourceUri: "tech:microsoft-excel", category: "O*NET Spreadsheet software" });
  });

  it("Skills: one skill per element id, whatever the scale rows", async () => {
    const skills = skillsOf(await collect(parseOnetText(createReadStream(fixture("onet-skills.txt")), "Skills.txt")));
    expect(skills.map((s) => [s.sourceUri, s.label, s.category])).toEqual([
      ["element:2.A.1.a", "Reading Comprehension", "O*NET basic skills"],
      ["element:2.A.1.b", "Active Listening", "O*NET basic skills"],
      ["element:2.B.1.a", "Social Perceptiveness", "O*NET cross-functional skills"],
      ["element:2.B.3.e", "Programming", "O*NET cross-functional skills"],
    ]);
  });

  it("rejects a file that is neither", async () => {
    await expect(collect(parseOnetText(["a\tb\n1\t2\n"]))).rejects.toThrow(/not an O\*NET skills file/);
  });
});

describe("Lightcast JSON", () => {
  it("reads the data array, ignoring attributions and meta", async () => {
    const rows = await collect(parseLightcastJson(createReadStream(fixture("lightcast-skills-sample.json"))));
    const skills = skillsOf(rows);
    expect(skills.map((s) => s.sourceUri)).toEqual([
      "KS120P86XDXZJT3B7KVJ",
      "KS1200364C9C1LK3V5Q1",
      "KS440W865GC4VRBW6LJP",
    ]);
    expect(skills[0]).toMatchObject({
      label: "Python (Programming Language)",
      category: "Lightcast Information Technology",
    });
    expect(skills[0].description).toContain('"braces" like { and [');
    expect(skills[1]).toMatchObject({
      aliases: ["Communication Skills", "Communicating"],
      category: "Lightcast Communication",
    });
    expect(skills[2]).toMatchObject({ category: "Lightcast Certification", description: null });
    expect(rows.filter((r) => "skipped" in r)).toHaveLength(1);
  });

  it("reads a bare array split into one-character chunks", async () => {
    const text = JSON.stringify([
      { id: "A", name: 'Alpha \\ "x" }' },
      { id: "B", name: "Beta", nested: { list: [1, { a: "]" }] } },
    ]);
    const items = await collect(streamJsonArrayObjects(chunked(text, 1)));
    expect(items).toEqual(JSON.parse(text));
  });

  it("says so when there is no array or the file is cut short", async () => {
    await expect(collect(streamJsonArrayObjects(['{"meta": {"count": 1}}']))).rejects.toThrow(/No list of skills/);
    await expect(collect(streamJsonArrayObjects(['{"data": [{"id": "A", "name": "x"']))).rejects.toThrow(
      /ends in the middle/,
    );
  });
});
