// The learner's skills as the jobs pages read them: the keys their wallet
// credentials carry, and each credential with its keys.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { credentialSkills, credentials } from "../../schema";

/** The learner's skill keys: the union over all their wallet credentials. */
export async function learnerSkillKeys(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ key: credentialSkills.skillKey })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId));
  return rows.map((r) => r.key);
}

export interface LearnerCredentialRow {
  id: string;
  title: string;
  origin: string;
  /** The stored result column, the stored report (jsonb) and the expiry date, as stored: lib/trust/status.ts decides. */
  verificationResult: string | null;
  verification: unknown;
  expires: Date | null;
  /** The skill names the badge itself carries (its issuer's, from the stored record); [] for manual entries. */
  badgeSkills: string[];
  skillKeys: string[];
  skillNames: Record<string, string>;
}

function namesOf(v: unknown): string[] {
  const list: unknown = typeof v === "string" ? JSON.parse(v) : v;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Each of the learner's credentials that carries skills, oldest first, with its skill keys in order.
 * One statement (every search by fit reads it, issue #23 §1): each credential once, with its skills
 * as a JSON array of [key, name] in position order — each stored report is read once, not once per skill.
 */
export async function learnerCredentialRows(db: Db, userId: string): Promise<LearnerCredentialRow[]> {
  const creds = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      origin: credentials.origin,
      verificationResult: credentials.verificationResult,
      verification: credentials.verification,
      expires: credentials.expires,
      badgeSkills: sql<unknown>`${credentials.record}->'skills'`,
      skills: sql<unknown>`(select json_agg(json_build_array(${credentialSkills.skillKey}, ${credentialSkills.name})
        order by ${credentialSkills.position}) from ${credentialSkills}
        where ${credentialSkills.credentialId} = ${credentials.id} and ${credentialSkills.userId} = ${userId})`,
    })
    .from(credentials)
    .where(eq(credentials.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  const out: LearnerCredentialRow[] = [];
  for (const { skills, ...c } of creds) {
    const pairs = pairsOf(skills);
    if (!pairs.length) continue;
    const row: LearnerCredentialRow = { ...c, badgeSkills: namesOf(c.badgeSkills), skillKeys: [], skillNames: {} };
    for (const [key, name] of pairs) {
      row.skillKeys.push(key);
      row.skillNames[key] = name;
    }
    out.push(row);
  }
  return out;
}

function pairsOf(v: unknown): Array<[string, string]> {
  const list: unknown = typeof v === "string" ? JSON.parse(v) : v;
  return Array.isArray(list) ? (list as Array<[string, string]>) : [];
}
