// schema.org JobPosting importer (https://schema.org/JobPosting).
// Accepts one JobPosting object, an array of them, or a document with "@graph".
// Compact JSON-LD as job boards publish it is read directly; no remote context is fetched.
import {
  MAX_SKILLS_PER_POSTING,
  type ImportIssue,
  type JobPostingInput,
  type ParsedPostings,
  type PostingSkill,
} from "./types";
import { parseDate, plainText, splitSkillList, tidySkills } from "./text";

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** "JobPosting", "schema:JobPosting", "https://schema.org/JobPosting" all count. */
function hasType(node: Node, type: string): boolean {
  return asArray(node["@type"]).some(
    (t) => typeof t === "string" && (t === type || t.endsWith(`/${type}`) || t.endsWith(`:${type}`)),
  );
}

function text(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  if (isNode(v)) {
    // Text wrapped as a JSON-LD value object or a named thing.
    for (const k of ["@value", "name", "value"])
      if (typeof v[k] === "string" || typeof v[k] === "number") return String(v[k]).trim();
  }
  if (Array.isArray(v)) return text(v[0]);
  return "";
}

/** Parses a JobPosting JSON-LD file. Bad postings are reported in `errors` and skipped. */
export function parseJobPostingJsonLd(source: string, input: string, options: ReadOptions = {}): ParsedPostings {
  let doc: unknown;
  try {
    doc = JSON.parse(input.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { postings: [], errors: [], fatal: `The file is not valid JSON: ${(e as Error).message}` };
  }
  const read = readJobPostings(source, doc, options);
  if (!read.postings.length && !read.errors.length)
    read.errors.push({ record: 0, message: "The file contains no JobPosting." });
  return read;
}

export interface ReadOptions {
  /**
   * The address of the page the JSON-LD came from: a relative `url` is resolved against it, and a
   * posting without `url` gets it (a posting's own page is its address).
   */
  pageUrl?: string;
  /**
   * false: a posting without identifier or url is still read (keyed by its title), for postings
   * that are only scored, never stored (/jobs/check). Default true.
   */
  requireKey?: boolean;
}

/**
 * Reads the JobPostings of a parsed JSON-LD document (an object, an array, or a @graph, nested
 * freely). Other node types inside a @graph are ignored; elsewhere they are reported.
 */
export function readJobPostings(
  source: string,
  doc: unknown,
  options: ReadOptions = {},
): { postings: JobPostingInput[]; errors: ImportIssue[] } {
  const byId = new Map<string, Node>();
  const candidates: Array<{ node: unknown; fromGraph: boolean }> = [];
  const collect = (v: unknown, fromGraph: boolean) => {
    if (Array.isArray(v)) for (const x of v) collect(x, fromGraph);
    else if (isNode(v) && Array.isArray(v["@graph"])) collect(v["@graph"], true);
    else {
      if (isNode(v) && typeof v["@id"] === "string") byId.set(v["@id"], v);
      candidates.push({ node: v, fromGraph });
    }
  };
  collect(doc, false);
  const deref = (v: unknown): unknown =>
    isNode(v) && typeof v["@id"] === "string" && Object.keys(v).length === 1 ? (byId.get(v["@id"]) ?? v) : v;

  const postings: JobPostingInput[] = [];
  const errors: ImportIssue[] = [];
  let position = 0;
  for (const { node, fromGraph } of candidates) {
    if (isNode(node) && !hasType(node, "JobPosting")) {
      // Organizations, Places and WebPages sit beside postings in a @graph; elsewhere a stray object is a mistake.
      if (!fromGraph)
        errors.push({
          record: ++position,
          message: `Not a JobPosting (@type ${JSON.stringify(node["@type"] ?? null)}).`,
        });
      continue;
    }
    position++;
    if (!isNode(node)) {
      errors.push({ record: position, message: "Not a JSON object." });
      continue;
    }
    const result = readPosting(source, node, deref, options);
    if (typeof result === "string") errors.push({ record: position, message: result });
    else postings.push(result);
  }
  return { postings, errors };
}

/** A posting's `url` resolved against the page it was found on; the page itself when it has none. */
function postingUrl(value: string, pageUrl: string | undefined): string | null {
  if (!pageUrl) return value || null;
  try {
    return new URL(value || pageUrl, pageUrl).toString();
  } catch {
    return value || null;
  }
}

function readPosting(
  source: string,
  node: Node,
  deref: (v: unknown) => unknown,
  options: ReadOptions,
): JobPostingInput | string {
  const title = plainText(text(node.title) || text(node.name));
  if (!title) return "Missing title.";
  const url = postingUrl(text(node.url), options.pageUrl);
  const identifier = identifierOf(node.identifier);
  const sourceKey = identifier || url || (options.requireKey === false ? title : "");
  if (!sourceKey) return `"${title}": needs an identifier or a url to be imported again without duplicates.`;
  if (url && !/^https?:\/\//i.test(url)) return `"${title}": url must start with http:// or https://.`;

  const org = deref(asArray(node.hiringOrganization)[0]);
  const employer = typeof org === "string" ? org.trim() : isNode(org) ? text(org.name) : "";

  const remote = asArray(node.jobLocationType).some((t) => typeof t === "string" && t.toUpperCase() === "TELECOMMUTE");
  const location = asArray(node.jobLocation)
    .map((p) => placeText(deref(p), deref))
    .filter(Boolean)
    .join("; ");

  return {
    source,
    sourceKey,
    title,
    employer,
    location: location || (remote ? "Remote" : ""),
    remote,
    description: plainText(text(node.description)),
    postedAt: parseDate(text(node.datePosted)),
    url,
    skills: skillsOf(node).slice(0, MAX_SKILLS_PER_POSTING),
  };
}

/** identifier: Text, URL or PropertyValue ({ name, value }); the first usable one wins. */
function identifierOf(v: unknown): string {
  for (const item of asArray(v)) {
    if (typeof item === "string" || typeof item === "number") return String(item).trim();
    if (isNode(item)) {
      const value = text(item.value) || text(item["@id"]);
      if (value) {
        const scheme = text(item.name) || text(item.propertyID);
        return scheme ? `${scheme}:${value}` : value;
      }
    }
  }
  return "";
}

function placeText(p: unknown, deref: (v: unknown) => unknown): string {
  if (typeof p === "string") return p.trim();
  if (!isNode(p)) return "";
  const a = deref(p.address);
  if (typeof a === "string") return a.trim();
  if (isNode(a)) {
    const parts = [text(a.addressLocality), text(a.addressRegion), text(a.addressCountry)].filter(Boolean);
    if (parts.length) return [...new Set(parts)].join(", ");
  }
  return text(p.name);
}

/**
 * schema.org `skills` is Text or DefinedTerm. When absent, list-shaped
 * `qualifications` / `experienceRequirements` stand in (a single prose sentence
 * is not a list and is ignored). schema.org does not mark skills required or
 * preferred, so all are imported as required.
 */
function skillsOf(node: Node): PostingSkill[] {
  const fromSkills = listItems(node.skills, true);
  if (fromSkills.length) return tidySkills(fromSkills.map((name) => ({ name, required: true })));
  const fallback = [...listItems(node.qualifications, false), ...listItems(node.experienceRequirements, false)];
  return tidySkills(fallback.map((name) => ({ name, required: true })));
}

function listItems(v: unknown, textIsList: boolean): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === "string") {
    // For qualifications/experienceRequirements only line, bullet or semicolon lists count.
    if (textIsList) return splitSkillList(v);
    return /[\n;•]/.test(v) ? splitSkillList(plainText(v), /[\n;•]+/) : [];
  }
  if (Array.isArray(v))
    return v
      .flatMap((x) => (typeof x === "string" ? [x.trim()] : isNode(x) ? [text(x.name) || text(x)] : []))
      .filter(Boolean);
  if (isNode(v)) {
    // A single DefinedTerm (or EducationalOccupationalCredential / OccupationalExperienceRequirements).
    const name = text(v.name) || text(v.description) || text(v.credentialCategory);
    return name ? [name] : [];
  }
  return [];
}
