// The skills library Sash ships: big enough, well-formed, no name pointing at two skills.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIBRARY_SKILLS, findLibraryConflicts, normalizeSkillText, slugify } from "@/lib/skills";
import { parseSkillsSource } from "@/data/skills.build";

describe("data/skills.json", () => {
  it("has at least 1,500 skills across the job families", () => {
    expect(LIBRARY_SKILLS.length).toBeGreaterThanOrEqual(1500);
    const categories = new Set(LIBRARY_SKILLS.map((s) => s.category));
    for (const c of [
      "Software development",
      "Data and analytics",
      "Cloud and DevOps",
      "Cybersecurity",
      "IT support and networking",
      "Healthcare",
      "Skilled trades and construction",
      "Manufacturing and engineering",
      "Logistics, transportation and warehousing",
      "Education and instructional design",
      "Business and management",
      "Finance and accounting",
      "Sales, marketing and customer service",
      "Creative, design and media",
      "Hospitality, food and tourism",
      "Public service, legal and social care",
      "Transferable skills",
    ]) {
      expect(categories, c).toContain(c);
    }
  });

  it("has unique slug ids and no normalised name shared by two skills", () => {
    const { duplicateIds, conflicts } = findLibraryConflicts(LIBRARY_SKILLS.map((s) => ({ ...s })));
    expect(duplicateIds).toEqual([]);
    expect(conflicts).toEqual([]);
    for (const s of LIBRARY_SKILLS) expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("gives every skill a label, a category and only non-empty aliases", () => {
    for (const s of LIBRARY_SKILLS) {
      expect(normalizeSkillText(s.label), s.id).not.toBe("");
      expect(s.category).not.toBe("");
      for (const a of s.aliases) expect(normalizeSkillText(a), `${s.id}: "${a}"`).not.toBe("");
    }
  });

  it("carries the skills badges and postings name most", () => {
    const byId = new Map(LIBRARY_SKILLS.map((s) => [s.id, s]));
    for (const id of [
      "online-learning",
      "cloud-computing",
      "cybersecurity",
      "computer-networking",
      "linux",
      "amazon-web-services",
      "microsoft-azure",
      "terraform",
      "project-management",
      "instructional-design",
      "teaching",
      "microsoft-excel",
      "javascript",
      "cardiopulmonary-resuscitation",
      "communication",
      "teamwork",
      "problem-solving",
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.get("microsoft-excel")!.aliases).toEqual(expect.arrayContaining(["MS Excel", "Excel"]));
    expect(byId.get("javascript")!.aliases).toContain("JS");
    expect(byId.get("cardiopulmonary-resuscitation")!.aliases).toContain("CPR");
  });

  it("is in step with its hand-written source (run `npx tsx data/skills.build.ts` after editing it)", () => {
    const source = readFileSync(path.resolve(import.meta.dirname, "../../data/skills.source.txt"), "utf8");
    expect(parseSkillsSource(source)).toEqual(LIBRARY_SKILLS);
  });

  it("ids are the slugs of their labels unless pinned", () => {
    const unpinned = LIBRARY_SKILLS.filter((s) => s.id !== slugify(s.label));
    expect(unpinned.length).toBeLessThan(LIBRARY_SKILLS.length * 0.01);
  });
});
