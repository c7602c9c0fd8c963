import { describe, expect, it } from "vitest";
import { credentialContributions, pathwayFit, rankRecommendations, type JobSkill } from "@/lib/fit";

const job: JobSkill[] = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, name: `Skill ${i}`, required: true }));

describe("rankRecommendations", () => {
  it("ranks by missing skills covered and projects the score (4% → 24%)", () => {
    const recs = rankRecommendations(["k0"], job, [
      { id: "small", title: "Small course", skillKeys: ["k1", "k2"] },
      { id: "big", title: "Big certificate", skillKeys: ["k1", "k2", "k3", "k4", "k5", "nope"] },
      { id: "none", title: "Unrelated", skillKeys: ["zzz"] },
      { id: "held", title: "Already held", skillKeys: ["k0"] },
    ]);
    expect(recs.map((r) => r.offering.id)).toEqual(["big", "small"]);
    expect(recs[0]).toMatchObject({ fitBefore: 4, fitAfter: 24 });
    expect(recs[0].covers.map((s) => s.key)).toEqual(["k1", "k2", "k3", "k4", "k5"]);
    expect(recs[1].fitAfter).toBe(12);
  });

  it("ignores preferred skills of a job that has required ones", () => {
    const mixed: JobSkill[] = [
      { key: "a", name: "A", required: true },
      { key: "p", name: "P", required: false },
    ];
    expect(rankRecommendations([], mixed, [{ id: "x", title: "X", skillKeys: ["p"] }])).toEqual([]);
  });
});

describe("credentialContributions", () => {
  it("says what each wallet credential adds to the score", () => {
    const c = credentialContributions(job, [
      { id: "c1", title: "Badge one", skillKeys: ["k0", "k1", "k2", "k3", "k4"] },
      { id: "c2", title: "Badge two", skillKeys: ["k4", "x"] },
      { id: "c3", title: "Unrelated", skillKeys: ["x"] },
    ]);
    expect(c.map((x) => x.offering.id)).toEqual(["c1", "c2"]);
    expect(c[0]).toMatchObject({ fitWith: 20, fitWithout: 4 });
    expect(c[1]).toMatchObject({ fitWith: 20, fitWithout: 20 }); // k4 is also on c1
  });
});

describe("pathwayFit", () => {
  const steps = [
    {
      role: "Teaching assistant",
      skills: [
        { key: "a", name: "A" },
        { key: "b", name: "B" },
      ],
    },
    {
      role: "Instructional designer",
      skills: [
        { key: "b", name: "B" },
        { key: "c", name: "C" },
        { key: "d", name: "D" },
      ],
    },
    {
      role: "Learning experience lead",
      skills: [
        { key: "d", name: "D" },
        { key: "e", name: "E" },
      ],
    },
  ];

  it("scores each step, the whole path over distinct skills, and names the next skills", () => {
    const p = pathwayFit(["a", "b", "c"], steps);
    expect(p.steps.map((s) => s.fit)).toEqual([100, 67, 0]);
    expect(p.overall).toBe(60); // 3 of a..e
    expect(p.nextStep).toBe(1);
    expect(p.nextSkills.map((s) => s.name)).toEqual(["D"]);
  });

  it("reports -1 and no next skills when every step is met", () => {
    const p = pathwayFit(["a", "b", "c", "d", "e"], steps);
    expect(p).toMatchObject({ overall: 100, nextStep: -1, nextSkills: [] });
  });
});
