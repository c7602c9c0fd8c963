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
 * Two statements (credentials, then their skills) so each stored report is read once, not once per skill.
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
    })
    .from(credentials)
    .where(eq(credentials.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  if (!creds.length) return [];
  const skills = await db
    .select({
      credentialId: credentialSkills.credentialId,
      key: credentialSkills.skillKey,
      name: credentialSkills.name,
    })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentialSkills.credentialId), asc(credentialSkills.position));
  const byId = new Map<string, LearnerCredentialRow>();
  for (const c of creds) byId.set(c.id, { ...c, badgeSkills: namesOf(c.badgeSkills), skillKeys: [], skillNames: {} });
  for (const s of skills) {
    const c = byId.get(s.credentialId);
    if (!c) continue;
    c.skillKeys.push(s.key);
    c.skillNames[s.key] = s.name;
  }
  return [...byId.values()].filter((c) => c.skillKeys.length > 0);
}
