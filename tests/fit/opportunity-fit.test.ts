import { describe, expect, it } from "vitest";
import { fitPercent, opportunityFit, resolveSkill, type JobSkill } from "@/lib/fit";

const req = (name: string, required = true): JobSkill => ({ key: resolveSkill(name).key, name, required });
const keys = (...names: string[]) => names.map((n) => resolveSkill(n).key);

describe("fitPercent (whole percent, round half up)", () => {
  it.each([
    [1, 25, 4],
    [1, 3, 33],
    [3, 5, 60],
    [2, 3, 67],
    [1, 8, 13], // 12.5 rounds up
    [1, 200, 1], // 0.5 rounds up
    [1, 201, 0], // 0.497… rounds down
    [25, 25, 100],
    [0, 7, 0],
  ])("%i of %i → %i%%", (m, d, expected) => {
    expect(fitPercent(m, d)).toBe(expected);
  });

  it("is 0 when there is nothing to match", () => {
    expect(fitPercent(0, 0)).toBe(0);
  });
});

describe("opportunityFit", () => {
  const instructionalDesigner = Array.from({ length: 24 }, (_, i) => req(`Skill ${i + 1}`)).concat(
    req("Online learning"),
  );

  it("the issue's example: 1 of 25 required skills is 4%", () => {
    const r = opportunityFit(keys("Online learning", "Welding"), instructionalDesigner);
    expect(r.fit).toBe(4);
    expect(r.denominator).toBe(25);
    expect(r.matched.map((s) => s.name)).toEqual(["Online learning"]);
    expect(r.missing).toHaveLength(24);
  });

  it("counts only required skills when some are required; preferred ones never change the score", () => {
    const job = [req("A"), req("B"), req("C"), req("D", false), req("E", false)];
    expect(opportunityFit(keys("A", "D", "E"), job)).toMatchObject({ fit: 33, denominator: 3, allSkillsCount: false });
    expect(opportunityFit(keys("D", "E"), job).fit).toBe(0);
  });

  it("counts every listed skill when none is marked required", () => {
    const job = ["A", "B", "C", "D", "E"].map((n) => req(n, false));
    const r = opportunityFit(keys("A", "B", "C"), job);
    expect(r).toMatchObject({ fit: 60, denominator: 5, allSkillsCount: true });
  });

  it("a job with no skills scores 0 with denominator 0", () => {
    expect(opportunityFit(keys("A"), [])).toMatchObject({ fit: 0, denominator: 0, matched: [], missing: [] });
  });

  it("duplicates count once on both sides; a duplicate marked required makes the skill required", () => {
    const job = [req("A", false), req("A"), req("B"), req("B")];
    const r = opportunityFit(["custom:a", "custom:a"], job);
    expect(r.denominator).toBe(2);
    expect(r.fit).toBe(50);
    expect(r.matched).toHaveLength(1);
    expect(r.matched[0].required).toBe(true);
  });

  it("aliases meet through the skills library: MS Excel on a badge matches Microsoft Excel in a posting", () => {
    const job = [req("Microsoft Excel"), req("SQL")];
    expect(resolveSkill("MS Excel").key).toBe(resolveSkill("Microsoft Excel").key);
    expect(opportunityFit(keys("MS Excel"), job).fit).toBe(50);
    expect(opportunityFit(keys("ms-excel"), job).fit).toBe(50);
  });

  it("custom skills match by normalised text (case, punctuation, plurals)", () => {
    expect(resolveSkill("Forklift Operation").key).toBe(resolveSkill("forklift operations").key);
    // "Forklift operation" is a library skill, so its variants meet on the library id…
    expect(resolveSkill("Forklift Operation")).toMatchObject({
      key: "forklift-operation",
      skillId: "forklift-operation",
    });
    // …and text the library does not know stays custom, keyed by its normal form.
    const custom = ["Beehive Inspection", "beehive-inspections!", "BEEHIVE  INSPECTIONS"].map((t) => resolveSkill(t));
    for (const r of custom) expect(r).toMatchObject({ key: "custom:beehive inspection", skillId: null });
    const job = [req("Beehive inspection"), req("Swarm capture")];
    expect(opportunityFit(keys("beehive-inspections!"), job)).toMatchObject({ fit: 50, denominator: 2 });
  });

  it("accepts a Set or any iterable of learner keys", () => {
    const job = [req("A"), req("B")];
    expect(opportunityFit(new Set(keys("A")), job).fit).toBe(50);
    expect(opportunityFit(keys("A").values(), job).fit).toBe(50);
  });
});
