// The in-memory skills index: exact label/alias lookup, a token-similarity
// fallback that proposes candidates, and prefix search for the type-ahead.
// Built from plain rows (the shipped library, or rows read from the database),
// so it is usable anywhere: server, CLI, tests, benchmarks.
import {
  normalizeSkillText,
  normalizeTokens,
  coreSkillText,
  looseSkillText,
  withoutBrackets,
  QUALIFIER_WORDS,
  STOP_WORDS,
} from "./normalize";

/** A skill as the library knows it. */
export interface SkillRow {
  id: string;
  label: string;
  category?: string;
  description?: string | null;
  /** sash | esco | onet | lightcast */
  source?: string;
  aliases?: readonly string[];
}

export interface SkillRef {
  id: string;
  label: string;
  category: string;
  source: string;
}

/** One searchable name of a skill: its label or one of its aliases. */
interface Entry {
  skill: SkillRef;
  text: string;
  norm: string;
  tokens: string[];
  isLabel: boolean;
  /** Weight of the entry's tokens for the similarity fallback. */
  weight: number;
}

export interface SkillIndex {
  readonly size: number;
  readonly skills: ReadonlyMap<string, SkillRef>;
  /** normalised label or alias → entries (several when imported taxonomies overlap). */
  readonly exact: ReadonlyMap<string, readonly Entry[]>;
  /** normalised label or alias without little words ("and", "of") → entries, when that differs. */
  readonly loose: ReadonlyMap<string, readonly Entry[]>;
  readonly entries: readonly Entry[];
  /** token → entry positions. */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Every distinct token, sorted, for prefix ranges. */
  readonly vocabulary: readonly string[];
  /** Skills whose label normalises the same as a sash library label (hidden from search as duplicates). */
  readonly shadowed: ReadonlySet<string>;
}

export interface Candidate {
  skill: SkillRef;
  score: number;
  /** The label or alias that matched. */
  matched: string;
}

export type MatchMethod = "label" | "alias" | "core" | "similar" | "none";

export interface SkillMatch {
  /** The library skill, or null when nothing matched confidently (keep it as a custom skill). */
  skill: SkillRef | null;
  /** 0–1; the score of `skill`, or of the best candidate when `skill` is null. */
  confidence: number;
  /** Best proposals, highest score first (includes `skill` when set). */
  candidates: Candidate[];
  method: MatchMethod;
}

export interface SearchHit {
  id: string;
  label: string;
  category: string;
  source: string;
  /** The alias that matched the query, or null when the preferred label did. */
  matchedAlias: string | null;
  score: number;
}

/** A match at or above this confidence is accepted automatically. */
export const ACCEPT_CONFIDENCE = 0.85;

const SOURCE_RANK: Record<string, number> = { sash: 0 };
const sourceRank = (s: string) => SOURCE_RANK[s] ?? 1;

// Level words ("advanced", "professional") are already stripped from the query
// by coreSkillText, so on the library side they weigh like any other word:
// "Project Management Professional" is not "project management".
function tokenWeight(token: string): number {
  return STOP_WORDS.has(token) ? 0 : 1;
}

export function buildSkillIndex(rows: Iterable<SkillRow>): SkillIndex {
  const skills = new Map<string, SkillRef>();
  const entries: Entry[] = [];
  const exact = new Map<string, Entry[]>();
  const loose = new Map<string, Entry[]>();
  const postings = new Map<string, number[]>();
  const sashLabels = new Set<string>();
  const labelNorms: Array<[string, SkillRef]> = [];

  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };

  for (const row of rows) {
    if (skills.has(row.id)) continue;
    const skill: SkillRef = {
      id: row.id,
      label: row.label,
      category: row.category ?? "General",
      source: row.source ?? "sash",
    };
    skills.set(row.id, skill);
    const seen = new Set<string>();
    const names: Array<[string, boolean]> = [
      [row.label, true],
      ...(row.aliases ?? []).map((a): [string, boolean] => [a, false]),
    ];
    for (const [text, isLabel] of names) {
      const tokens = normalizeTokens(text);
      const norm = tokens.join(" ");
      if (!norm || seen.has(norm)) continue;
      seen.add(norm);
      const entry: Entry = {
        skill,
        text,
        norm,
        tokens,
        isLabel,
        weight: tokens.reduce((s, t) => s + tokenWeight(t), 0),
      };
      const pos = entries.push(entry) - 1;
      push(exact, norm, entry);
      // Only multi-word loose forms: "Goods in" must not become "good".
      const l = looseSkillText(norm);
      if (l !== norm && l.includes(" ")) push(loose, l, entry);
      for (const t of new Set(tokens)) push(postings, t, pos);
      if (isLabel) {
        labelNorms.push([norm, skill]);
        if (skill.source === "sash") sashLabels.add(norm);
      }
    }
  }
  const shadowed = new Set<string>();
  for (const [norm, skill] of labelNorms) if (skill.source !== "sash" && sashLabels.has(norm)) shadowed.add(skill.id);

  return {
    size: skills.size,
    skills,
    exact,
    loose,
    entries,
    postings,
    vocabulary: [...postings.keys()].sort(),
    shadowed,
  };
}

// ---- matching ---------------------------------------------------------------

/** Picks among entries sharing one normal form: curated (sash) first, then labels over aliases. */
function resolveExact(found: readonly Entry[], method: "exact" | "core"): SkillMatch {
  const ranked = [...found].sort(
    (a, b) => sourceRank(a.skill.source) - sourceRank(b.skill.source) || Number(b.isLabel) - Number(a.isLabel),
  );
  const bySkill = new Map<string, Entry>();
  for (const e of ranked) if (!bySkill.has(e.skill.id)) bySkill.set(e.skill.id, e);
  const distinct = [...bySkill.values()];
  const top = distinct[0];
  const tier = distinct.filter(
    (e) => sourceRank(e.skill.source) === sourceRank(top.skill.source) && e.isLabel === top.isLabel,
  );
  let confidence = method === "exact" ? (top.isLabel ? 1 : 0.97) : 0.9;
  if (tier.length > 1)
    confidence = 0.7; // two imported skills share this name: propose, don't pick
  else if (distinct.length > 1 && sourceRank(top.skill.source) > 0) confidence -= 0.05;
  const candidates = distinct.map((e, i) => ({
    skill: e.skill,
    matched: e.text,
    score: i === 0 ? confidence : Math.min(confidence, 0.7),
  }));
  const accepted = confidence >= ACCEPT_CONFIDENCE;
  const methodName: MatchMethod = method === "core" ? "core" : top.isLabel ? "label" : "alias";
  return { skill: accepted ? top.skill : null, confidence, candidates, method: methodName };
}

/** Edit distance with adjacent transpositions, stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
  }
  return prev[b.length];
}

/** Vocabulary tokens close to `token`: itself, or one/two typos away for longer words. */
function similarTokens(index: SkillIndex, token: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (index.postings.has(token)) out.push([token, 1]);
  if (token.length < 5 || !/^[a-z]+$/.test(token)) return out;
  const max = token.length >= 9 ? 2 : 1;
  for (const v of index.vocabulary) {
    if (v === token || Math.abs(v.length - token.length) > max || v[0] !== token[0]) continue;
    const d = editDistance(token, v, max);
    // One slip in a long word ("javscript") is almost surely that word; in a short one less so.
    if (d <= max) out.push([v, d === 1 ? (token.length >= 6 ? 0.92 : 0.85) : 0.75]);
  }
  return out;
}

function similarityCandidates(index: SkillIndex, tokens: string[], limit: number): Candidate[] {
  const queryTokens = [...new Set(tokens)].filter((t) => tokenWeight(t) > 0);
  if (!queryTokens.length) return [];
  const queryWeight = queryTokens.reduce((s, t) => s + tokenWeight(t), 0);
  // entry position → query token → best similarity
  const hits = new Map<number, Map<string, number>>();
  for (const q of queryTokens) {
    for (const [v, sim] of similarTokens(index, q)) {
      for (const pos of index.postings.get(v) ?? []) {
        let m = hits.get(pos);
        if (!m) hits.set(pos, (m = new Map()));
        if ((m.get(q) ?? 0) < sim) m.set(q, sim);
      }
    }
  }
  const best = new Map<string, Candidate>();
  for (const [pos, m] of hits) {
    const e = index.entries[pos];
    let matched = 0;
    for (const [q, sim] of m) matched += tokenWeight(q) * sim;
    // Weighted Dice coefficient between the query's words and the entry's words.
    const score = ((2 * matched) / (queryWeight + Math.max(e.weight, 1))) * 0.95;
    const prev = best.get(e.skill.id);
    if (!prev || score > prev.score || (score === prev.score && e.isLabel)) {
      best.set(e.skill.id, { skill: e.skill, score: Math.min(score, 0.95), matched: e.text });
    }
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        sourceRank(a.skill.source) - sourceRank(b.skill.source) ||
        a.skill.label.length - b.skill.label.length,
    )
    .slice(0, limit);
}

/**
 * Matches free text ("MS Excel", "Microsoft Excel (Advanced)", "javscript")
 * to a library skill: exact label/alias, then the same without level words
 * and brackets, then token similarity. Similar-but-not-equal names are only
 * proposed as candidates unless they score ≥ ACCEPT_CONFIDENCE with a clear
 * lead over the next skill.
 */
export function matchSkillIn(index: SkillIndex, text: string, opts: { candidates?: number } = {}): SkillMatch {
  const limit = opts.candidates ?? 5;
  const tokens = normalizeTokens(text);
  const norm = tokens.join(" ");
  if (!norm) return { skill: null, confidence: 0, candidates: [], method: "none" };

  const found = lookup(index, norm);
  if (found) return trim(resolveExact(found, "exact"), limit);

  // "Basic Life Support (BLS)", then "Microsoft Excel (Advanced)" / "Proficiency in SQL",
  // then badge names like "AWS Certified Solutions Architect – Associate".
  const core = coreSkillText(text);
  const uncertified = core
    .split(" ")
    .filter((t) => !CERTIFICATION_WORDS.has(t))
    .join(" ");
  const normUncertified = tokens.filter((t) => !CERTIFICATION_WORDS.has(t)).join(" ");
  for (const variant of [withoutBrackets(text), normUncertified, coreSkillText(text, "end"), core, uncertified]) {
    if (!variant || variant === norm) continue;
    const hit = lookup(index, variant);
    if (hit) return trim(resolveExact(hit, "core"), limit);
  }

  // Nothing but level words ("Advanced", "Good", "Skills") names no skill.
  if (!core) return { skill: null, confidence: 0, candidates: [], method: "none" };
  const candidates = similarityCandidates(index, normalizeTokens(core), limit);
  const [first, second] = candidates;
  const clearLead = !second || first.score - second.score >= 0.1;
  if (first && first.score >= ACCEPT_CONFIDENCE && clearLead)
    return { skill: first.skill, confidence: first.score, candidates, method: "similar" };

  // Only when nothing above was confident: the name with its context taken off
  // ("Xero advisor" → "xero"). A confident similar match wins over this, so
  // "First aid for mental health" stays Mental health first aid, not First aid.
  for (const variant of contextVariants(text, core)) {
    const hit = lookup(index, variant);
    if (hit) return trim(resolveExact(hit, "core"), limit);
  }
  if (!first) return { skill: null, confidence: 0, candidates: [], method: "none" };
  return { skill: null, confidence: first.score, candidates, method: "none" };
}

const CERTIFICATION_WORDS = new Set([
  "certified",
  "certification",
  "certificate",
  "cert",
  "exam",
  "badge",
  "credential",
]);

/**
 * Words that, at the end of a name, say what someone does with a skill or which
 * role uses it ("React Native development", "Xero advisor", "ISO 27001 lead
 * auditor") rather than name another skill. Only dropped when what is left is
 * a library name exactly, so "Software development" stays whole unless the
 * library knows "software".
 */
const ROLE_WORDS = new Set(
  `development developer administration administrator admin creation advisor adviser auditor audit lead consultant
   specialist practitioner user champion implementation implementer configuration`.split(/\s+/),
);

/** Edition and version marks at the end of a product name: "Photoshop CC", "JavaScript ES2015", "Office 2019", "v2.1". */
const EDITION_TOKEN = /^(?:cc|cs\d{0,2}|es\d{1,4}|(?:19|20)\d{2}|v?\d+(?:\.\d+)+)$/;

/**
 * Further lookups tried after the exact and level-word variants, most specific first:
 * - an abbreviation in brackets on its own ("Registered Nurse (RN)" → "rn");
 * - the name without trailing role, activity, edition or level words, one at a time
 *   ("Moodle course creation" → "moodle course" → "moodle");
 * - what comes before a purpose clause ("Python for data science" → "python").
 */
function contextVariants(text: string, core: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\(([^)]*)\)|\[([^\]]*)\]/g)) {
    const inner = normalizeSkillText(m[1] ?? m[2] ?? "");
    if (inner) out.push(inner);
  }
  const tokens = core.split(" ").filter(Boolean);
  let end = tokens.length;
  while (end > 1) {
    const t = tokens[end - 1];
    if (!(ROLE_WORDS.has(t) || EDITION_TOKEN.test(t) || QUALIFIER_WORDS.has(t) || STOP_WORDS.has(t))) break;
    end--;
    out.push(tokens.slice(0, end).join(" "));
  }
  const forAt = tokens.indexOf("for");
  if (forAt > 0) out.push(tokens.slice(0, forAt).join(" "));
  return out;
}

function lookup(index: SkillIndex, norm: string): readonly Entry[] | undefined {
  const hit = index.exact.get(norm);
  if (hit) return hit;
  const l = looseSkillText(norm);
  return l !== norm && l.includes(" ") ? index.loose.get(l) : undefined;
}

function trim(m: SkillMatch, limit: number): SkillMatch {
  return m.candidates.length > limit ? { ...m, candidates: m.candidates.slice(0, limit) } : m;
}

// ---- type-ahead search -------------------------------------------------------

function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions of entries having a token that starts with `prefix`. */
function prefixPostings(index: SkillIndex, prefix: string): number[][] {
  const lists: number[][] = [];
  for (let i = lowerBound(index.vocabulary, prefix); i < index.vocabulary.length; i++) {
    const tok = index.vocabulary[i];
    if (!tok.startsWith(prefix)) break;
    lists.push(index.postings.get(tok) as number[]);
  }
  return lists;
}

/**
 * Type-ahead over labels and aliases: every word of the query must start a
 * word of the name. Returns one hit per skill with the alias that matched.
 */
export function searchIndex(index: SkillIndex, query: string, limit = 10): SearchHit[] {
  const qTokens = normalizeTokens(query);
  if (!qTokens.length) return [];
  const qNorm = qTokens.join(" ");
  // The rarest word drives candidate generation; the others filter.
  const perToken = qTokens.map((t) => {
    const lists = prefixPostings(index, t);
    return { t, lists, count: lists.reduce((s, l) => s + l.length, 0) };
  });
  perToken.sort((a, b) => a.count - b.count);
  const driver = perToken[0];
  if (!driver.count) return [];
  const others = perToken.slice(1).map((p) => p.t);

  const best = new Map<string, { entry: Entry; score: number }>();
  const visit = (pos: number) => {
    const e = index.entries[pos];
    if (index.shadowed.has(e.skill.id)) return;
    for (const o of others) if (!e.tokens.some((tok) => tok.startsWith(o))) return;
    let score: number;
    if (e.norm === qNorm) score = 100;
    else if (e.norm.startsWith(qNorm)) score = 80;
    else if (e.tokens[0]?.startsWith(qTokens[0])) score = 60;
    else score = 40;
    // The shortest completion is the likeliest ("exc" → "Excel" before "Excavation").
    score += (e.isLabel ? 1 : 0) + (e.skill.source === "sash" ? 3 : 0) - Math.min(e.norm.length, 60) * 0.4;
    const prev = best.get(e.skill.id);
    if (!prev || score > prev.score) best.set(e.skill.id, { entry: e, score });
  };
  for (const list of driver.lists) for (const pos of list) visit(pos);

  // Top `limit` by score without sorting every candidate (a one-letter query on an
  // ESCO-size index has ~10⁴ of them).
  const top: Array<{ entry: Entry; score: number }> = [];
  const before = (a: { entry: Entry; score: number }, b: { entry: Entry; score: number }) =>
    a.score > b.score || (a.score === b.score && a.entry.skill.label < b.entry.skill.label);
  for (const cand of best.values()) {
    if (top.length === limit && !before(cand, top[top.length - 1])) continue;
    let i = top.length < limit ? top.length : limit - 1;
    top[i] = cand;
    while (i > 0 && before(top[i], top[i - 1])) {
      [top[i], top[i - 1]] = [top[i - 1], top[i]];
      i--;
    }
  }
  return top.map(({ entry, score }) => ({
    id: entry.skill.id,
    label: entry.skill.label,
    category: entry.skill.category,
    source: entry.skill.source,
    matchedAlias: entry.isLabel ? null : entry.text,
    score: Math.round(score * 10) / 10,
  }));
}

// ---- library data checks ---------------------------------------------------------

export interface LibraryConflict {
  norm: string;
  skills: string[];
  texts: string[];
}

/**
 * Names that normalise the same but belong to different skills, and repeated
 * ids. The shipped library must have none (tests/skills/library-data.test.ts).
 */
export function findLibraryConflicts(rows: readonly SkillRow[]): {
  duplicateIds: string[];
  conflicts: LibraryConflict[];
} {
  const ids = new Map<string, number>();
  const byNorm = new Map<string, Map<string, string>>();
  for (const row of rows) {
    ids.set(row.id, (ids.get(row.id) ?? 0) + 1);
    for (const text of [row.label, ...(row.aliases ?? [])]) {
      const norm = normalizeSkillText(text);
      let m = byNorm.get(norm);
      if (!m) byNorm.set(norm, (m = new Map()));
      if (!m.has(row.id)) m.set(row.id, text);
    }
  }
  const conflicts: LibraryConflict[] = [];
  for (const [norm, m] of byNorm)
    if (m.size > 1) conflicts.push({ norm, skills: [...m.keys()], texts: [...m.values()] });
  return { duplicateIds: [...ids].filter(([, n]) => n > 1).map(([id]) => id), conflicts };
}

/** The aliases worth storing for a skill: one per normal form, none equal to the label's. */
export function distinctAliases(label: string, aliases: readonly string[]): Array<{ alias: string; norm: string }> {
  const seen = new Set([normalizeSkillText(label)]);
  const out: Array<{ alias: string; norm: string }> = [];
  for (const alias of aliases) {
    const norm = normalizeSkillText(alias);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    out.push({ alias, norm });
  }
  return out;
}
