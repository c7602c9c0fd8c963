// Demo jobs, courses and pathways (issue #8). Postings are generated
// deterministically from the hand-written role templates in jobs.roles.ts, so
// the catalogue is the same on every machine and re-seeding only updates rows.
import type { Db } from "@/db/client";
import { deletePostingsExcept } from "@/db/queries/jobs/postings";
import { upsertCourses, upsertJobPostings, upsertPathways } from "@/server/jobs/catalogue";
import type { JobPostingInput } from "@/lib/jobs/types";
import { FAMILIES, INSTRUCTIONAL_DESIGNER, LOCATIONS, ROLES, type RoleTemplate } from "@/data/jobs.roles";
import { courseCatalogue } from "@/data/courses";
import { pathwayCatalogue } from "@/data/pathways";

export const SEED_SOURCE = "sash-seed";
const POSTINGS_PER_ROLE = 5;
/** Seeded postings are dated back from this day, so the data doesn't change with the clock. */
const SEED_DAY = Date.UTC(2026, 10, 20);

/** Small deterministic PRNG (mulberry32) so every machine seeds identical postings. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const split = (s: string) =>
  s
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean);

/** The instructional-designer role used for the extra postings (a lighter version of the 25-skill one). */
const ID_ROLE: RoleTemplate = {
  id: "instructional-designer",
  title: "Instructional Designer",
  family: "Education and instructional design",
  required: INSTRUCTIONAL_DESIGNER.required.slice(0, 10).join("; "),
  preferred: "Articulate Storyline; Learning analytics; Video editing",
  summary: "Design courses with subject-matter experts using sound learning science.",
  remote: 0.5,
};

function describe(role: RoleTemplate, employer: string, required: string[], preferred: string[]): string {
  return [
    `${employer} is hiring a ${role.title}. ${role.summary}`,
    `What you'll bring: ${required.join(", ")}.`,
    preferred.length ? `Nice to have: ${preferred.join(", ")}.` : "",
    "We welcome applicants with digital badges and other evidence of skills from any route: work, volunteering, apprenticeships or study.",
  ]
    .filter(Boolean)
    .join("\n");
}

export function seedPostings(): JobPostingInput[] {
  const out: JobPostingInput[] = [];
  const id = INSTRUCTIONAL_DESIGNER;
  out.push({
    source: SEED_SOURCE,
    sourceKey: id.id,
    title: id.title,
    employer: id.employer,
    location: id.location,
    remote: id.remote,
    description: describe(ID_ROLE, id.employer, id.required, id.preferred).replace(ID_ROLE.summary, id.summary),
    postedAt: new Date(SEED_DAY),
    url: `https://jobs.example.org/${id.id}`,
    skills: [
      ...id.required.map((name) => ({ name, required: true })),
      ...id.preferred.map((name) => ({ name, required: false })),
    ],
  });
  [...ROLES, ID_ROLE].forEach((role, r) => {
    const rand = prng(1000 + r);
    const employers = FAMILIES[role.family]?.employers ?? ["Regional Employer"];
    const required = split(role.required);
    const preferred = split(role.preferred);
    for (let k = 0; k < POSTINGS_PER_ROLE; k++) {
      const employer = employers[(r + k) % employers.length];
      const remote = rand() < (role.remote ?? 0);
      const location = LOCATIONS[Math.floor(rand() * LOCATIONS.length)];
      const daysAgo = Math.floor(rand() * 60) + 1;
      // Real postings vary: some drop a preferred skill, and about one in ten marks nothing as required.
      const pref = preferred.filter(() => rand() > 0.25);
      const unmarked = rand() < 0.1;
      const level = k === 4 && !/lead|manager|senior/i.test(role.title) ? "Senior " : "";
      out.push({
        source: SEED_SOURCE,
        sourceKey: `${role.id}-${k + 1}`,
        title: `${level}${role.title}`,
        employer,
        location: remote ? `Remote (${location})` : location,
        remote,
        description: describe(role, employer, required, pref),
        postedAt: new Date(SEED_DAY - daysAgo * 86_400_000),
        url: `https://jobs.example.org/${role.id}-${k + 1}`,
        skills: [
          ...required.map((name) => ({ name, required: !unmarked })),
          ...pref.map((name) => ({ name, required: false })),
        ],
      });
    }
  });
  return out;
}

/** Loads the demo jobs, courses and pathways; safe to run again (upserts). Returns the number of jobs. */
export async function seedJobsCatalogue(db: Db): Promise<number> {
  const postings = seedPostings();
  await upsertJobPostings(db, postings);
  // Postings dropped from the templates since the last seed go away too.
  await deletePostingsExcept(
    db,
    SEED_SOURCE,
    postings.map((p) => p.sourceKey),
  );
  await upsertCourses(db, courseCatalogue());
  await upsertPathways(db, pathwayCatalogue());
  return postings.length;
}
