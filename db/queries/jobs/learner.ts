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
  verificationResult: string | null;
  /** The skill names the badge itself carries (its issuer's, from the stored record); [] for manual entries. */
  badgeSkills: string[];
  skillKeys: string[];
  skillNames: Record<string, string>;
}

/** Each of the learner's credentials that carries skills, oldest first, with its skill keys in order. */
export async function learnerCredentialRows(db: Db, userId: string): Promise<LearnerCredentialRow[]> {
  const rows = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      origin: credentials.origin,
      verificationResult: credentials.verificationResult,
      badgeSkills: sql<unknown>`${credentials.record}->'skills'`,
      key: credentialSkills.skillKey,
      name: credentialSkills.name,
    })
    .from(credentialSkills)
    .innerJoin(credentials, eq(credentials.id, credentialSkills.credentialId))
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentialSkills.position));
  const byId = new Map<string, LearnerCredentialRow>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) {
      c = {
        id: r.id,
        title: r.title,
        origin: r.origin,
        verificationResult: r.verificationResult,
        badgeSkills: Array.isArray(r.badgeSkills)
          ? r.badgeSkills.filter((x): x is string => typeof x === "string")
          : typeof r.badgeSkills === "string"
            ? (JSON.parse(r.badgeSkills) as unknown[]).filter((x): x is string => typeof x === "string")
            : [],
        skillKeys: [],
        skillNames: {},
      };
      byId.set(r.id, c);
    }
    c.skillKeys.push(r.key);
    c.skillNames[r.key] = r.name;
  }
  return [...byId.values()];
}
