// Text normalisation for skill names. Two spellings that a learner or an
// employer would call "the same skill" must normalise to the same string:
// "MS-Excel", "ms excel" → "ms excel"; "Organisational skills" and
// "organizational skill" → "organizational skill"; "Café" → "cafe".
// Pure and dependency-free: the picker imports it in the browser too.

/** British → American spellings, token by token (the library is stored in American spelling). */
const SPELLING: Record<string, string> = {};

function addSpellings(pairs: string): void {
  for (const pair of pairs.trim().split(/\s+/)) {
    const [gb, us] = pair.split(":");
    SPELLING[gb] = us;
  }
}

addSpellings(`
  colour:color colours:colors behaviour:behavior behaviours:behaviors behavioural:behavioral labour:labor
  honour:honor favour:favor neighbour:neighbor harbour:harbor humour:humor flavour:flavor vapour:vapor
  centre:center centres:centers metre:meter metres:meters litre:liter litres:liters theatre:theater
  fibre:fiber calibre:caliber catalogue:catalog catalogues:catalogs dialogue:dialog analogue:analog
  programme:program programmes:programs licence:license licences:licenses defence:defense offence:offense
  practise:practice practised:practiced practising:practicing
  modelling:modeling modelled:modeled travelling:traveling travelled:traveled labelling:labeling
  labelled:labeled cancelling:canceling counselling:counseling counsellor:counselor counsellors:counselors
  levelling:leveling signalling:signaling fuelling:fueling channelling:channeling enrolment:enrollment
  enrolments:enrollments fulfil:fulfill fulfilment:fulfillment skilful:skillful instalment:installment
  jewellery:jewelry paediatric:pediatric paediatrics:pediatrics anaesthesia:anesthesia
  anaesthetic:anesthetic anaesthetics:anesthetics haematology:hematology haemoglobin:hemoglobin
  orthopaedic:orthopedic orthopaedics:orthopedics oestrogen:estrogen encyclopaedia:encyclopedia
  manoeuvre:maneuver oesophageal:esophageal gynaecology:gynecology aluminium:aluminum grey:gray
  tyre:tire tyres:tires kerb:curb storey:story draught:draft plough:plow mould:mold moulding:molding
  sceptical:skeptical ageing:aging judgement:judgment acknowledgement:acknowledgment cheque:check
  artefact:artifact artefacts:artifacts aeroplane:airplane aerofoil:airfoil pyjamas:pajamas
  analyse:analyze analysed:analyzed analysing:analyzing analyser:analyzer
  paralyse:paralyze catalyse:catalyze dialyse:dialyze
  mum:mom maths:math
`);

// -ise/-ised/-ising/-isation spellings of verbs whose American form uses -ize.
// An explicit list: "enterprise", "exercise", "expertise" must stay as they are.
const IZE_STEMS = `
  organ optim visual prior custom special standard summar minim maxim util recogn author character
  categor digit local virtual container synchron modern monet personal sanit steril stabil mobil critic
  final initial normal serial token capital memor familiar harmon item apolog emphas real central
  decentral general industrial commercial international global human computer random
  fertil hospital immun energ equal legal material neutral vandal vocal social subsid symbol sympath
  terror theor util weather western summar scrutin hypothes jeopard mechan motor public revital
  rational visual crystal magnet polar pressur sensit desensit prioritis
`
  .trim()
  .split(/\s+/);

const IZE_SUFFIXES: Array<[string, string]> = [
  ["ise", "ize"],
  ["ises", "izes"],
  ["ised", "ized"],
  ["ising", "izing"],
  ["iser", "izer"],
  ["isers", "izers"],
  ["isation", "ization"],
  ["isations", "izations"],
  ["isational", "izational"],
];

for (const stem of IZE_STEMS) {
  for (const [gb, us] of IZE_SUFFIXES) SPELLING[stem + gb] = stem + us;
}

/** Words that say how well or how much, not which skill ("Excel (advanced)"). */
export const QUALIFIER_WORDS = new Set(
  `advanced basic basics beginner beginners intermediate expert expertise proficient proficiency
   fluent fluency strong excellent excellence good solid knowledge experience experienced familiarity
   familiar understanding ability skill skills skilled competent competency competence level
   certified certification certificate fundamentals fundamental intro introduction introductory
   hands on using use applied practical professional senior junior proven demonstrated
   valid current essentials essential training trained course courses program programme provider
   class workshop bootcamp module strategies strategy techniques technique methods associate
   belt yellow white green black`.split(/\s+/),
);

/** Words ignored by the token-similarity fallback. */
export const STOP_WORDS = new Set(
  `a an the of and or for in on with to at by from into via as is are be its your our their
   e g eg i e etc`.split(/\s+/),
);
STOP_WORDS.delete("");

const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Folds Latin accents ("Café" → "cafe") without touching other scripts:
 * Japanese voiced marks (U+3099/U+309A) and Hangul jamo are outside
 * U+0300–U+036F, so "データ分析" survives intact.
 */
function foldLatinAccents(s: string): string {
  return s.normalize("NFD").replace(COMBINING_DIACRITICS, "").normalize("NFC");
}

/** Singular form of a plural English token ("technologies" → "technology"). Deliberately simple. */
export function singular(token: string): string {
  if (token.length <= 3 || !/^[a-z]+$/.test(token)) return token;
  if (token.endsWith("ies") && token.length > 4) return token.slice(0, -3) + "y";
  if (/(ches|shes|sses|xes|zes)$/.test(token)) return token.slice(0, -2);
  // "Canvas" (the LMS) must not become "Canva" (the design tool).
  if (/(ss|us|is|as)$/.test(token)) return token;
  if (token.endsWith("s")) return token.slice(0, -1);
  return token;
}

export interface NormalizeOptions {
  /** Reduce plurals to singular (default true). The type-ahead turns it off for the word being typed. */
  singularize?: boolean;
}

/** Splits text into normalised tokens. */
export function normalizeTokens(text: string, opts: NormalizeOptions = {}): string[] {
  let s = text.normalize("NFKC").toLowerCase();
  s = foldLatinAccents(s);
  s = s.replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/œ/g, "oe").replace(/ø/g, "o").replace(/ł/g, "l");
  // Possessive and elided apostrophes join their word: "driver's" → "drivers".
  s = s.replace(/(\p{L})['’‘`](\p{L})/gu, "$1$2");
  s = s.replace(/&/g, " and ");
  // Keep "+" and "#" only where they belong to a name (C++, C#, F#, A+, Notepad++).
  s = s.replace(/[^\p{L}\p{N}\p{M}+#]+/gu, " ");
  const out: string[] = [];
  for (const piece of s.split(" ")) {
    // Keep "+" and "#" only where they end a name (C++, C#, F#, A+, Notepad++).
    const raw = piece.replace(/^[+#]+/, "").replace(/[+#]+(?=[\p{L}\p{N}])/gu, "");
    if (!raw) continue;
    let t = SPELLING[raw] ?? raw;
    if (opts.singularize !== false) t = singular(t);
    out.push(t);
  }
  // Chinese, Japanese and Korean runs stay whole tokens (no spaces between
  // words there), so exact lookups of "データ分析" still work.
  return out;
}

/**
 * The normal form used as the lookup key for labels, aliases and custom
 * skills: NFKC, lower case, Latin accents folded, "&" → "and", punctuation
 * to single spaces, British → American spelling, simple plurals singular.
 */
export function normalizeSkillText(text: string): string {
  return normalizeTokens(text).join(" ");
}

/** The normal form without bracketed notes: "Basic Life Support (BLS)" → "basic life support". */
export function withoutBrackets(text: string): string {
  return normalizeSkillText(text.replace(/\([^)]*\)|\[[^\]]*\]/g, " "));
}

/**
 * The normal form without bracketed notes and without level words at either
 * end: "Microsoft Excel (Advanced)" → "microsoft excel", "Proficiency in SQL"
 * → "sql", "Data entry skills" → "data entry". Words inside a name stay
 * ("Basic Life Support" is only reached by exact lookup before this).
 */
export function coreSkillText(text: string, ends: "both" | "end" = "both"): string {
  const tokens = normalizeTokens(text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ").replace(/\blevel\s*\d+\b/gi, " "));
  const edge = (t: string) => QUALIFIER_WORDS.has(t) || STOP_WORDS.has(t);
  let a = 0;
  let b = tokens.length;
  while (ends === "both" && a < b && edge(tokens[a])) a++;
  while (b > a && edge(tokens[b - 1])) b--;
  return tokens.slice(a, b).join(" ");
}

/** The normal form without little words, for loose lookups: "health and safety" → "health safety". */
export function looseSkillText(norm: string): string {
  return norm
    .split(" ")
    .filter((t) => !STOP_WORDS.has(t))
    .join(" ");
}

/** Slug for a library skill id: "Microsoft Excel" → "microsoft-excel", "C++" → "c-plus-plus". */
export function slugify(label: string): string {
  return label
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_DIACRITICS, "")
    .replace(/\+/g, " plus ")
    .replace(/#/g, " sharp ")
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
