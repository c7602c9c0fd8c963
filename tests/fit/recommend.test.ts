import { describe, expect, it } from "vitest";
import {
  credentialContributions,
  pathwayFit,
  rankRecommendations,
  skillFacts,
  type JobSkill,
  type SkillFacts,
  type SkillOffering,
} from "@/lib/fit";
import { libraryIndex } from "@/lib/skills";

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

describe("rankRecommendations: the ranking rules", () => {
  // g1, g2 generic (like Communication); everything else specific.
  const facts: SkillFacts = { generic: (k) => k.startsWith("g") };
  const posting: JobSkill[] = [
    { key: "a", name: "A", required: true },
    { key: "b", name: "B", required: true },
    { key: "c", name: "C", required: true },
    { key: "g1", name: "G1", required: true },
    { key: "p", name: "P", required: false },
  ];
  const ids = (held: string[], offers: SkillOffering[], limit = 10) =>
    rankRecommendations(held, posting, offers, limit, facts).map((r) => r.offering.id);

  it("puts fit gain first, then missing skills covered (preferred too)", () => {
    expect(
      ids(
        [],
        [
          { id: "one", title: "A", skillKeys: ["a"] },
          { id: "two", title: "B", skillKeys: ["a", "b"] },
          { id: "one-plus-pref", title: "C", skillKeys: ["c", "p"] },
        ],
      ),
    ).toEqual(["two", "one-plus-pref", "one"]);
  });

  it("never lets a course that shares only one generic skill outrank one in the posting's field", () => {
    // "off" shares only g1 and teaches another field's x; "field" shares a specific skill.
    const offers = [
      { id: "off", title: "Aaa off-field", skillKeys: ["g1", "x"] },
      { id: "field", title: "Zzz in the field", skillKeys: ["a", "y", "z", "w"] },
    ];
    expect(ids(["b", "c"], offers)).toEqual(["field"]);
    // Even when the field course's gain is the same single skill: it still comes first.
    expect(ids(["b", "c", "g1"], offers)).toEqual(["field"]);
  });

  it("keeps general courses (only generic skills) below courses in the field, and drops off-field ones", () => {
    const offers = [
      { id: "general", title: "A general", skillKeys: ["g1", "g2"] },
      { id: "off", title: "B off-field", skillKeys: ["g1", "x"] },
      { id: "field", title: "C field", skillKeys: ["g1", "a", "x", "y", "z"] },
    ];
    // The learner lacks only g1: all three cover it once, and the field course
    // wins though it has the smallest share of skills the posting needs.
    expect(ids(["a", "b", "c"], offers)).toEqual(["field", "general"]);
  });

  it("then prefers the course whose own skills the posting needs most, then the closer skill set", () => {
    // Each covers only a (b is held); the posting lists 1 of 2, 1 of 1, 1 of 3, 2 of 4 of their skills.
    const offers = [
      { id: "half", title: "A", skillKeys: ["a", "x"] },
      { id: "all", title: "B", skillKeys: ["a"] },
      { id: "third", title: "C", skillKeys: ["a", "x", "y"] },
      { id: "half-with-held", title: "D", skillKeys: ["a", "b", "x", "y"] },
    ];
    expect(ids(["b"], offers)).toEqual(["all", "half-with-held", "half", "third"]);
    // Same share (1/2), different Jaccard: {a,x} vs {a,b,x,y} against the posting's 5 skills.
    expect(
      ids(
        ["c"],
        [
          { id: "small", title: "A", skillKeys: ["a", "x"] }, // Jaccard 1/6
          { id: "large", title: "Z", skillKeys: ["a", "c", "x", "y"] }, // 2/7: c is held, so it covers only a too
        ],
      ),
    ).toEqual(["large", "small"]);
  });

  it("breaks the last ties by title, then id, whatever the input order", () => {
    const offers = [
      { id: "b", title: "Same", skillKeys: ["a"] },
      { id: "a", title: "Same", skillKeys: ["a"] },
      { id: "c", title: "Earlier", skillKeys: ["a"] },
    ];
    expect(ids([], offers)).toEqual(["c", "a", "b"]);
    expect(ids([], [...offers].reverse())).toEqual(["c", "a", "b"]);
    expect(ids([], offers, 2)).toEqual(["c", "a"]);
  });

  it("without facts ranks by overlap alone (every skill specific, nothing dropped)", () => {
    const offers = [
      { id: "off", title: "A", skillKeys: ["g1", "x"] },
      { id: "field", title: "B", skillKeys: ["a", "x", "y"] },
    ];
    // g1 counts as specific: "off" shares 1 of its 2 skills, "field" 1 of 3.
    expect(rankRecommendations(["b", "c"], posting, offers).map((r) => r.offering.id)).toEqual(["off", "field"]);
    expect(ids(["b", "c"], offers)).toEqual(["field"]);
  });

  it("reads generic skills from the library: transferable skills and the cross-field ones", () => {
    const f = skillFacts(libraryIndex());
    expect(
      ["communication", "teamwork", "customer-service", "microsoft-excel"].filter((k) => f.generic(k)),
    ).toHaveLength(4);
    expect(["network-security", "dementia-care", "custom:beekeeping"].some((k) => f.generic(k))).toBe(false);
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
