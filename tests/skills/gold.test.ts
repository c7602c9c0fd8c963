// Precision and recall of matchSkill on the gold set (also printed by `npm run bench:skills`).
import { describe, expect, it } from "vitest";
import gold from "../support/skills-gold.json";
import { libraryIndex } from "@/lib/skills";
import { evaluateGold } from "@/lib/skills/evaluate";

describe("gold set", () => {
  const index = libraryIndex();

  it("has at least 200 pairs, all naming real library skills", () => {
    expect(gold.pairs.length).toBeGreaterThanOrEqual(200);
    expect(gold.pairs.filter((p) => p.expected === null).length).toBeGreaterThan(20);
    for (const p of gold.pairs) if (p.expected) expect(index.skills.has(p.expected), p.expected).toBe(true);
  });

  it("meets the targets: precision ≥ 0.95, recall ≥ 0.9", () => {
    const r = evaluateGold(index, gold.pairs);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
  });
});
