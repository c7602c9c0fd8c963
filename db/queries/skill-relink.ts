// Re-linking custom skills (issue #14 item 1): rows stored with a
// "custom:<normalised text>" key whose name now resolves to a known skill
// (typically one imported after they were saved) take that skill's id as
// their key. The caller (server/skills/relink.ts) decides the mapping through
// the skills resolver; this module only reads the candidates and applies it.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "./sql";

/** One custom key with one of the names stored under it. */
export interface CustomSkillName {
  key: string;
  name: string;
}

/** Distinct (custom key, name) pairs in wallet credentials, job postings, courses and pathway steps. */
export async function listCustomSkillNames(db: Db): Promise<CustomSkillName[]> {
  const res = await db.execute(sql`
    select skill_key as key, name from credential_skills where skill_key like 'custom:%'
    union
    select skill_key, name from job_skills where skill_key like 'custom:%'
    union
    select skill_key, name from course_skills where skill_key like 'custom:%'
    union
    select e->>'skillKey', e->>'name' from pathway_steps, jsonb_array_elements(skills) e
      where e->>'skillKey' like 'custom:%'
    order by 1, 2`);
  return rowsOf<CustomSkillName>(res);
}

/** A custom (key, name) that resolves to the skill `id`, shown as `label`. */
export interface Relink extends CustomSkillName {
  id: string;
  label: string;
}

export interface RelinkCounts {
  /** Rows that now carry the skill's id (re-keyed, or merged into a row that already had it). */
  credentialSkills: number;
  jobSkills: number;
  courseSkills: number;
  pathwaySkills: number;
}

type Table = "credential_skills" | "job_skills" | "course_skills";
const OWNER: Record<Table, string> = {
  credential_skills: "credential_id",
  job_skills: "job_id",
  course_skills: "course_id",
};

/**
 * Applies the mapping to one table: per owner (credential, job, course) and
 * target skill, the first mapped row is re-keyed unless the owner already has
 * the target; the rest merge into it (a job's skill stays required or counted
 * if any merged row was) and are deleted. Returns the owners touched and rows changed.
 */
async function relinkTable(tx: Db, table: Table, mapping: string): Promise<{ rows: number; owners: string[] }> {
  const t = sql.raw(table);
  const owner = sql.raw(OWNER[table]);
  const m = sql`select r.key, r.name, r.id, r.label from jsonb_to_recordset(${mapping}::jsonb)
    as r(key text, name text, id text, label text) join skills s on s.id = r.id`;
  const nameSet = table === "course_skills" ? sql`name = c.label` : sql`name = c.label, skill_id = c.id`;
  // 1. Re-key the first mapped row of each (owner, target) that has no target row yet.
  const renamed = rowsOf<{ owner: string }>(
    await tx.execute(sql`
      with m as (${m}),
      c as (
        select x.${owner} as owner, x.skill_key, m.id, m.label,
          row_number() over (partition by x.${owner}, m.id order by x.skill_key, x.name) as rn
        from ${t} x join m on x.skill_key = m.key and x.name = m.name
        where not exists (select 1 from ${t} o where o.${owner} = x.${owner} and o.skill_key = m.id)
      )
      update ${t} u set skill_key = c.id, ${nameSet}
      from c where u.${owner} = c.owner and u.skill_key = c.skill_key and c.rn = 1
      returning u.${owner}::text as owner`),
  );
  // 2. Every mapped row left has a target row now: fold its flags into the target (jobs), then delete it.
  if (table === "job_skills") {
    await tx.execute(sql`
      with m as (${m}),
      g as (
        select x.job_id, m.id, bool_or(x.required) as required, bool_or(x.counts) as counts
        from job_skills x join m on x.skill_key = m.key and x.name = m.name group by x.job_id, m.id
      )
      update job_skills u set required = u.required or g.required, counts = u.counts or g.counts
      from g where u.job_id = g.job_id and u.skill_key = g.id`);
  }
  const merged = rowsOf<{ owner: string }>(
    await tx.execute(sql`
      with m as (${m})
      delete from ${t} d using m
      where d.skill_key = m.key and d.name = m.name
        and exists (select 1 from ${t} o where o.${owner} = d.${owner} and o.skill_key = m.id)
      returning d.${owner}::text as owner`),
  );
  return { rows: renamed.length + merged.length, owners: [...new Set(merged.map((r) => r.owner))] };
}

/** Applies every relink in one transaction; running it again with the same mapping changes nothing. */
export async function applyRelinks(db: Db, relinks: readonly Relink[]): Promise<RelinkCounts> {
  const counts: RelinkCounts = { credentialSkills: 0, jobSkills: 0, courseSkills: 0, pathwaySkills: 0 };
  if (!relinks.length) return counts;
  const mapping = JSON.stringify(relinks.map(({ key, name, id, label }) => ({ key, name, id, label })));
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    counts.credentialSkills = (await relinkTable(tx, "credential_skills", mapping)).rows;
    const jobs = await relinkTable(tx, "job_skills", mapping);
    counts.jobSkills = jobs.rows;
    // A merge can turn two counted skills into one: the fit denominators follow.
    if (jobs.owners.length) {
      const ids = sql.join(
        jobs.owners.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      await tx.execute(sql`
        update jobs j set fit_denominator = (select count(*) from job_skills s where s.job_id = j.id and s.counts)
        where j.id in (${ids})`);
      await tx.execute(sql`
        update job_skills s set fit_denominator = j.fit_denominator from jobs j
        where s.job_id = j.id and j.id in (${ids}) and s.fit_denominator <> j.fit_denominator`);
    }
    counts.courseSkills = (await relinkTable(tx, "course_skills", mapping)).rows;

    // Pathway steps keep their skills as JSON: rewrite the steps that hold a mapped skill.
    const byPair = new Map(relinks.map((r) => [`${r.key}\u0000${r.name}`, r]));
    const steps = rowsOf<{ pathway_id: string; position: number; skills: Array<{ name: string; skillKey: string }> }>(
      await tx.execute(sql`
        select pathway_id, position, skills from pathway_steps
        where exists (select 1 from jsonb_array_elements(skills) e where e->>'skillKey' like 'custom:%')`),
    );
    for (const st of steps) {
      let changed = 0;
      const out: Array<{ name: string; skillKey: string }> = [];
      const seen = new Set<string>();
      for (const s of st.skills) {
        const r = byPair.get(`${s.skillKey}\u0000${s.name}`);
        const next = r ? { name: r.label, skillKey: r.id } : s;
        if (r) changed++;
        if (seen.has(next.skillKey)) continue;
        seen.add(next.skillKey);
        out.push(next);
      }
      if (!changed) continue;
      counts.pathwaySkills += changed;
      await tx.execute(sql`
        update pathway_steps set skills = ${JSON.stringify(out)}::jsonb
        where pathway_id = ${st.pathway_id} and position = ${st.position}`);
    }
  });
  return counts;
}
