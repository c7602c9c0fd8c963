// What the /jobs keyword search reads and how typed words become a query.
import type { JobPostingInput } from "./types";

/** Prefix-matching tsquery text from free words ("instr design" → "instr:* & design:*"); null when no words. */
export function keywordTsQuery(query: string | undefined | null): string | null {
  const words = (query ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/** Lower-cased title, employer, description and skill names: what the keyword search reads. */
export function postingSearchText(p: Pick<JobPostingInput, "title" | "employer" | "description" | "skills">): string {
  return [p.title, p.employer, p.description, p.skills.map((s) => s.name).join(" ")].join(" \n").toLowerCase();
}
