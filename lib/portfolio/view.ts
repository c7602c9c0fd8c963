// The portfolio page (/record, issue #13 §5) as plain data: every credential grouped
// by its issuer, learner records (CLR 2.0) as groups of their own nested
// credentials, and the learner's skills with their provenance (how many
// credentials support each, and how many of those are verified). Verification
// words come from lib/trust/present.ts on lib/trust/status.ts's one status:
// "Verified" only for a `valid` report that still holds at `now`. Pure: no database, no Next. Used by the owner's /record page
// and the public /r/<slug> page alike, so both show the same thing.
import { achievementTypeLabel, resultText } from "../badges/achievement";
import type { AchievementResult } from "../badges/types";
import { presentTrust, type TrustTone } from "../trust/present";
import type { VerifiedState, VerifiedStatus } from "../trust/status";
import type { PortfolioCredentialRow, PortfolioRows } from "./types";

/** The status in one word, as the portfolio page's list shows it. */
const STATE_WORD: Record<VerifiedState, string> = {
  verified: "Verified",
  "not-verified": "Not verified",
  failed: "Failed",
};

export interface PortfolioItemView {
  /** Internal id: the owner's page links to the credential; the public page never prints it. */
  id: string;
  title: string;
  /** "Degree", "Certificate", … (achievementType in words); null when the credential names none. */
  achievementType: string | null;
  issuerName: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  expired: boolean;
  verified: boolean;
  /** "Verified" | "Not verified" | "Failed". */
  status: string;
  /** The full sentence from presentTrust: "Verified — …" / "Not verified — …". */
  summary: string;
  tone: TrustTone;
  /** "Final Project Grade: A", "8.5 on a scale of 1–10", … */
  results: string[];
  skills: string[];
}

export interface PortfolioGroupView {
  kind: "issuer" | "learner-record";
  /** Stable key for React lists (issuer name or the record's id). */
  key: string;
  heading: string;
  /** For a learner record: its issuer, dates and verification. */
  learnerRecord?: {
    id: string;
    issuerName: string | null;
    issuedOn: Date | null;
    verified: boolean;
    status: string;
    summary: string;
    tone: TrustTone;
  };
  items: PortfolioItemView[];
}

export interface PortfolioSkillView {
  name: string;
  skillKey: string;
  /** Credentials that carry this skill. */
  credentials: number;
  /** Of those, the ones verified (valid and still holding). */
  verified: number;
}

export interface PortfolioView {
  learnerName: string;
  groups: PortfolioGroupView[];
  skills: PortfolioSkillView[];
  totals: { credentials: number; verified: number; issuers: number; learnerRecords: number };
}

/** One stored result (untrusted jsonb) in words via lib/badges/achievement.ts; null when it isn't a result. */
function resultLine(r: unknown): string | null {
  if (!r || typeof r !== "object" || Array.isArray(r)) return null;
  const o = r as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
  const result: AchievementResult = {
    name: str(o.name),
    resultType: str(o.resultType),
    value: str(o.value) ?? (typeof o.value === "number" ? String(o.value) : null),
    valueMin: str(o.valueMin),
    valueMax: str(o.valueMax),
    level: str(o.level),
    status: str(o.status),
  };
  return result.value || result.level || result.status ? resultText(result) : null;
}

function resultsOf(results: unknown): string[] {
  if (!Array.isArray(results)) return [];
  return results
    .slice(0, 20)
    .map(resultLine)
    .filter((s): s is string => !!s);
}

function statusWord(status: VerifiedStatus): string {
  return STATE_WORD[status.state];
}

function issuerKey(name: string | null): string {
  return (name ?? "").trim().toLowerCase();
}

const newestFirst = (a: { issuedOn: Date | null; title: string }, b: { issuedOn: Date | null; title: string }) =>
  (b.issuedOn?.getTime() ?? -Infinity) - (a.issuedOn?.getTime() ?? -Infinity) || a.title.localeCompare(b.title);

/**
 * How many issuers the credentials come from: every credential counts, those nested in a learner
 * record too (issue #20 §5: a record from one college showed "3 credentials from 0 issuers", as only
 * the loose credentials' issuer groups were counted). A nested credential that names no issuer of
 * its own is the record's issuer's; credentials naming no issuer at all count as one ("Issuer not
 * named", as their group is headed).
 */
function issuerCount(rows: PortfolioRows): number {
  const recordIssuer = new Map(rows.learnerRecords.map((r) => [r.id, r.issuerName]));
  const keys = new Set<string>();
  for (const c of rows.credentials) {
    const own = issuerKey(c.issuerName);
    const nestedIn = c.learnerRecordId && recordIssuer.has(c.learnerRecordId) ? c.learnerRecordId : null;
    keys.add(own || (nestedIn ? issuerKey(recordIssuer.get(nestedIn) ?? null) : ""));
  }
  return keys.size;
}

export function buildPortfolioView(rows: PortfolioRows, now: Date = new Date()): PortfolioView {
  const skillsByCredential = new Map<string, string[]>();
  for (const s of rows.skills) {
    const list = skillsByCredential.get(s.credentialId) ?? [];
    list.push(s.name);
    skillsByCredential.set(s.credentialId, list);
  }
  const verifiedIds = new Set<string>();
  const item = (c: PortfolioCredentialRow): PortfolioItemView => {
    const trust = presentTrust(
      c.verification,
      { issuerName: c.issuerName, issuedOn: c.issuedOn, expires: c.expires },
      now,
    );
    if (trust.verified) verifiedIds.add(c.id);
    return {
      id: c.id,
      title: c.title,
      achievementType: achievementTypeLabel(c.achievementType),
      issuerName: c.issuerName,
      issuedOn: c.issuedOn,
      expires: c.expires,
      expired: !!c.expires && c.expires.getTime() < now.getTime(),
      verified: trust.verified,
      status: statusWord(trust.status),
      summary: trust.summary,
      tone: trust.tone,
      results: resultsOf(c.results),
      skills: skillsByCredential.get(c.id) ?? [],
    };
  };

  const recordIds = new Set(rows.learnerRecords.map((r) => r.id));
  const nested = new Map<string, PortfolioCredentialRow[]>();
  const byIssuer = new Map<string, { heading: string; items: PortfolioItemView[] }>();
  for (const c of rows.credentials) {
    if (c.learnerRecordId && recordIds.has(c.learnerRecordId)) {
      const list = nested.get(c.learnerRecordId) ?? [];
      list.push(c);
      nested.set(c.learnerRecordId, list);
      continue;
    }
    const key = issuerKey(c.issuerName);
    let g = byIssuer.get(key);
    if (!g) byIssuer.set(key, (g = { heading: c.issuerName?.trim() || "Issuer not named", items: [] }));
    g.items.push(item(c));
  }

  const recordGroups: PortfolioGroupView[] = rows.learnerRecords.map((r) => {
    const trust = presentTrust(
      r.verification,
      { issuerName: r.issuerName, issuedOn: r.issuedOn, expires: r.expires },
      now,
    );
    const items = (nested.get(r.id) ?? [])
      .sort((a, b) => (a.learnerRecordIndex ?? 0) - (b.learnerRecordIndex ?? 0))
      .map(item);
    return {
      kind: "learner-record",
      key: `record:${r.id}`,
      heading: r.title,
      learnerRecord: {
        id: r.id,
        issuerName: r.issuerName,
        issuedOn: r.issuedOn,
        verified: trust.verified,
        status: statusWord(trust.status),
        summary: trust.summary,
        tone: trust.tone,
      },
      items,
    };
  });

  const issuerGroups: PortfolioGroupView[] = [...byIssuer.entries()]
    .sort(([a, ga], [b, gb]) => (a === "" ? 1 : b === "" ? -1 : ga.heading.localeCompare(gb.heading)))
    .map(([key, g]) => ({
      kind: "issuer",
      key: `issuer:${key}`,
      heading: g.heading,
      items: g.items.sort(newestFirst),
    }));

  // Skills with provenance: each credential counts once per skill key.
  const skills = new Map<string, PortfolioSkillView & { seen: Set<string> }>();
  for (const s of rows.skills) {
    let v = skills.get(s.skillKey);
    if (!v)
      skills.set(
        s.skillKey,
        (v = { name: s.name, skillKey: s.skillKey, credentials: 0, verified: 0, seen: new Set() }),
      );
    if (v.seen.has(s.credentialId)) continue;
    v.seen.add(s.credentialId);
    v.credentials++;
    if (verifiedIds.has(s.credentialId)) v.verified++;
  }
  const skillList = [...skills.values()]
    .map(({ seen: _seen, ...v }) => v)
    .sort((a, b) => b.verified - a.verified || b.credentials - a.credentials || a.name.localeCompare(b.name));

  return {
    learnerName: rows.learnerName,
    groups: [...recordGroups, ...issuerGroups],
    skills: skillList,
    totals: {
      credentials: rows.credentials.length,
      verified: verifiedIds.size,
      issuers: issuerCount(rows),
      learnerRecords: rows.learnerRecords.length,
    },
  };
}
