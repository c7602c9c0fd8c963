// Builds data/skills.json from the hand-written data/skills.source.txt.
//   npx tsx data/skills.build.ts          write the JSON (fails on conflicts)
//   npx tsx data/skills.build.ts --check  only report
// The JSON is what the seed loads; keep both files committed and in step.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { slugify } from "@/lib/skills/normalize";
import { findLibraryConflicts, type SkillRow } from "@/lib/skills/skill-index";
import type { LibrarySkill } from "@/lib/skills";

export function parseSkillsSource(text: string): LibrarySkill[] {
  const out: LibrarySkill[] = [];
  let category = "";
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || (line.startsWith("#") && !line.startsWith("## "))) return;
    if (line.startsWith("## ")) {
      category = line.slice(3).trim();
      return;
    }
    if (!category) throw new Error(`line ${i + 1}: skill before any "## Category" heading`);
    const [head, aliasPart = "", description = ""] = line.split("|").map((s) => s.trim());
    const m = /^(.*?)\s*(?:\{([a-z0-9-]+)\})?$/.exec(head)!;
    const label = m[1].trim();
    const id = m[2] ?? slugify(label);
    if (!label || !id) throw new Error(`line ${i + 1}: no label`);
    const aliases = aliasPart
      .split(";")
      .map((a) => a.trim())
      .filter((a) => a && a !== label);
    const skill: LibrarySkill = { id, label, category, aliases: [...new Set(aliases)] };
    if (description) skill.description = description;
    out.push(skill);
  });
  return out;
}

function main() {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const skills = parseSkillsSource(readFileSync(path.join(dir, "skills.source.txt"), "utf8"));
  const { duplicateIds, conflicts } = findLibraryConflicts(skills as SkillRow[]);
  for (const id of duplicateIds) console.error(`duplicate id: ${id}`);
  for (const c of conflicts)
    console.error(`conflict "${c.norm}": ${c.skills.map((s, i) => `${s} ("${c.texts[i]}")`).join(" vs ")}`);
  const categories = new Map<string, number>();
  for (const s of skills) categories.set(s.category, (categories.get(s.category) ?? 0) + 1);
  console.error(`${skills.length} skills, ${skills.reduce((n, s) => n + s.aliases.length, 0)} aliases`);
  for (const [c, n] of categories) console.error(`  ${String(n).padStart(4)}  ${c}`);
  if (duplicateIds.length || conflicts.length) {
    console.error(`${duplicateIds.length} duplicate ids, ${conflicts.length} conflicts: not written`);
    process.exitCode = 1;
    return;
  }
  if (process.argv.includes("--check")) return;
  // One skill per line keeps diffs reviewable.
  const body = skills.map((s) => "    " + JSON.stringify(s)).join(",\n");
  const json = `{\n  "version": 1,\n  "generatedFrom": "data/skills.source.txt",\n  "skills": [\n${body}\n  ]\n}\n`;
  writeFileSync(path.join(dir, "skills.json"), json);
  console.error("wrote data/skills.json");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
