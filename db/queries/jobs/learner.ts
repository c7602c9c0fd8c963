// The learner's skills as the jobs pages read them: the keys their wallet
// credentials carry, and each credential with its keys and evidence status.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../client";
import { credentialSkills, credentials } from "../../schema";
import type { SkillOffering } from "@/lib/fit";

// ---- the learner's skills -----------------------------------------------------

/** The learner's skill keys: the union over all their wallet credentials. */
export async function learnerSkillKeys(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ key: credentialSkills.skillKey })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId));
  return rows.map((r) => r.key);
}

export type EvidenceStatus = "verified" | "self-asserted" | "manual";

/** How much weight an employer can give a credential: verified, self-asserted (imported, not verified) or manual. */
export function evidenceStatus(origin: string, verificationResult: string | null): EvidenceStatus {
  if (origin === "manual") return "manual";
  return verificationResult === "valid" ? "verified" : "self-asserted";
}

export interface LearnerCredentialSkills extends SkillOffering {
  status: EvidenceStatus;
  skillNames: Record<string, string>;
}

/** Each of the learner's credentials with the skill keys it carries. */
export async function learnerCredentialSkills(db: Db, userId: string): Promise<LearnerCredentialSkills[]> {
  const rows = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      origin: credentials.origin,
      verificationResult: credentials.verificationResult,
      key: credentialSkills.skillKey,
      name: credentialSkills.name,
    })
    .from(credentialSkills)
    .innerJoin(credentials, eq(credentials.id, credentialSkills.credentialId))
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentialSkills.position));
  const byId = new Map<string, LearnerCredentialSkills & { skillKeys: string[] }>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) {
      c = { id: r.id, title: r.title, status: evidenceStatus(r.origin, r.verificationResult), skillKeys: [], skillNames: {} };
      byId.set(r.id, c);
    }
    c.skillKeys.push(r.key);
    c.skillNames[r.key] = r.name;
  }
  return [...byId.values()];
}
