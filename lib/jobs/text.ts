// Small text helpers shared by the importers.
import { MAX_SKILL_NAME, type PostingSkill } from "./types";

/** Plain text from a (possibly HTML) description: tags dropped, common entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/div|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t\f\v]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/** Splits a text list of skills ("a, b; c", one per line, or bulleted). */
export function splitSkillList(text: string, separators: RegExp = /[\n;,|•]+/): string[] {
  return text
    .split(separators)
    .map((s) => s.replace(/^\s*[-*·]\s*/, "").trim())
    .filter(Boolean);
}

/** Deduplicates by lower-cased name (required wins) and drops overlong names. */
export function tidySkills(skills: PostingSkill[]): PostingSkill[] {
  const seen = new Map<string, PostingSkill>();
  for (const s of skills) {
    const name = s.name.replace(/\s+/g, " ").trim();
    if (!name || name.length > MAX_SKILL_NAME) continue;
    const k = name.toLowerCase();
    const prev = seen.get(k);
    if (!prev) seen.set(k, { name, required: s.required });
    else if (s.required) prev.required = true;
  }
  return [...seen.values()];
}

export function parseDate(value: unknown): Date | null {
  if (typeof value !== "string" || !value.trim()) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}
