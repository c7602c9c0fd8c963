// Finds the skills a piece of prose names ("You'll build dashboards in Power BI and write SQL"):
// every run of words that is a skill's label or alias in the index — after the same
// normalisation as the matcher (case, accents, British spellings, plurals), longest run first —
// resolved through the matcher itself (matchSkillIn), so ties between imported taxonomies are
// settled exactly as everywhere else. Used by /jobs/check and `sash fit --posting` for pasted
// postings and pages without JSON-LD. Pure: the caller passes the index (server/skills).
import { matchSkillIn, type SkillIndex, type SkillRef } from "./skill-index";
import { looseSkillText, normalizeTokens } from "./normalize";

export interface FoundSkill {
  skill: SkillRef;
  /** The words as the text first wrote them. */
  text: string;
  /** How many times the text names it. */
  count: number;
}

export interface FoundSkills {
  skills: FoundSkill[];
  /** True when the text was longer than EXTRACT_LIMITS.textChars and only its start was read. */
  truncated: boolean;
}

export const EXTRACT_LIMITS = {
  /** Characters of text read (a long posting is ~15,000). */
  textChars: 100_000,
  /** Distinct skills kept, in order of first mention. */
  skills: 100,
  /** Longest name looked for, in words. */
  words: 6,
} as const;

/**
 * Everyday words that are also names of products, languages or tools ("Excel", "Word",
 * "Teams", "Polish", "Spring"). In prose they count only when written with the name's own
 * capitals, so "excel at", "in other words" and "spring" the season name nothing.
 */
const NAME_WORDS = new Set(
  `excel word access team outlook spring express node rest sketch wave sage resolve rise epic monday canvas
   polish will drive focus recall memory server inventor premiere audition slack notion unity unreal scratch
   keynote zoom looker spark hive vault helm nuke maya blender avid lucid swift rust ruby dart julia bash apex
   eclipse terminal kali burp snort sabre intercom concur workday discovery security lean stem steam motion
   correction closing moving reading drawing influence event contract budget sale growth collection operation
   chef puppet jest mocha chai flask babel yarn vite`.split(/\s+/),
);

/** Characters that end a phrase: a skill name never runs across them. */
const PHRASE_BREAK = /[\n\r,;:!?()[\]{}|•·●▪–—"“”„«»]+|\.(?=\s|$)|\s[-*]\s/;

interface Token {
  norm: string;
  /** Index of the word (as written) the token came from. */
  word: number;
}

const maxWordsCache = new WeakMap<SkillIndex, number>();

/** The most words any name in the index has (bounded by EXTRACT_LIMITS.words). */
function maxWords(index: SkillIndex): number {
  let n = maxWordsCache.get(index);
  if (n === undefined) {
    n = 1;
    for (const e of index.entries) if (e.tokens.length > n) n = e.tokens.length;
    n = Math.min(n, EXTRACT_LIMITS.words);
    maxWordsCache.set(index, n);
  }
  return n;
}

function known(index: SkillIndex, norm: string): boolean {
  if (index.exact.has(norm)) return true;
  const loose = looseSkillText(norm);
  return loose !== norm && loose.includes(" ") && index.loose.has(loose);
}

const letters = (s: string) => s.replace(/[^\p{L}\p{N}+#]/gu, "");

/**
 * Short names ("R", "Go", "AI", "SQL") and everyday words that name a product ("Excel") must be
 * written as the skill's own label or alias writes them, capitals included, as words of their own
 * ("Excel's" counts; "sql", "excel at" and "Go-getter" don't).
 */
function writtenAsNamed(
  index: SkillIndex,
  norm: string,
  skill: SkillRef,
  written: string,
  wholeWords: boolean,
): boolean {
  if (norm.includes(" ") || (norm.length > 3 && !NAME_WORDS.has(norm))) return true;
  // "Go-getter" is not Go: a short name must be a whole word of its own.
  if (!wholeWords) return false;
  const pieces = new Set(written.split(/[^\p{L}\p{N}+#]+/u).filter(Boolean));
  pieces.add(letters(written));
  return (index.exact.get(norm) ?? []).some((e) => e.skill.id === skill.id && pieces.has(letters(e.text)));
}

/** The skills `text` names, in order of first mention. */
export function findSkillsInText(text: string, index: SkillIndex): FoundSkills {
  const truncated = text.length > EXTRACT_LIMITS.textChars;
  const body = truncated ? text.slice(0, EXTRACT_LIMITS.textChars) : text;
  const longest = maxWords(index);
  const found = new Map<string, FoundSkill>();
  // The same run of words resolves the same way every time it appears.
  const resolved = new Map<string, SkillRef | null>();
  // Postings repeat their words; each distinct word is normalised once.
  const wordTokens = new Map<string, string[]>();

  for (const phrase of body.split(PHRASE_BREAK)) {
    const words = phrase.split(/[\s/]+/).filter(Boolean);
    const tokens: Token[] = [];
    words.forEach((w, i) => {
      let norms = wordTokens.get(w);
      if (!norms) wordTokens.set(w, (norms = normalizeTokens(w)));
      for (const norm of norms) tokens.push({ norm, word: i });
    });
    let i = 0;
    while (i < tokens.length) {
      let step = 1;
      const runs: string[] = [];
      for (let n = 1, run = ""; n <= Math.min(longest, tokens.length - i); n++)
        runs.push((run = n === 1 ? tokens[i]!.norm : `${run} ${tokens[i + n - 1]!.norm}`));
      for (let n = runs.length; n >= 1; n--) {
        const norm = runs[n - 1]!;
        if (!known(index, norm)) continue;
        let skill = resolved.get(norm);
        if (skill === undefined) {
          const m = matchSkillIn(index, norm, { candidates: 1 });
          skill = m.skill && m.method !== "similar" ? m.skill : null;
          resolved.set(norm, skill);
        }
        if (!skill) continue;
        const written = words.slice(tokens[i]!.word, tokens[i + n - 1]!.word + 1).join(" ");
        const wholeWords =
          (i === 0 || tokens[i - 1]!.word !== tokens[i]!.word) &&
          (i + n === tokens.length || tokens[i + n]!.word !== tokens[i + n - 1]!.word);
        if (!writtenAsNamed(index, norm, skill, written, wholeWords)) continue;
        const prev = found.get(skill.id);
        if (prev) prev.count++;
        else if (found.size < EXTRACT_LIMITS.skills) found.set(skill.id, { skill, text: written, count: 1 });
        step = n;
        break;
      }
      i += step;
    }
  }
  return { skills: [...found.values()], truncated };
}
