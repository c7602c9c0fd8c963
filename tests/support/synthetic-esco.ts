// A synthetic file in the ESCO skills CSV layout, the size of ESCO v1.1's
// 13,900 skills/competences and knowledge concepts (labels are made up from
// word lists; URIs are deterministic UUIDs). Used by tests and bench:skills.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";

export const ESCO_SIZE = 13_900;

const VERBS =
  "manage operate maintain apply analyse design develop install inspect repair monitor coordinate prepare evaluate supervise calibrate document assess plan teach".split(
    " ",
  );
const OBJECTS =
  "hydraulic systems|customer accounts|wine cellars|railway signals|dental equipment|forest inventories|solar panels|payroll records|stage lighting|food storage|network switches|patient records|textile machinery|fishing vessels|museum collections|chemical reactors|retail displays|school timetables|aircraft engines|water pipelines|insurance claims|bakery ovens|printing presses|warehouse stock|vineyard soil|court documents|sports facilities|radio transmitters|mining shafts|hotel reservations|laboratory samples|welding equipment|tax returns|farm animals|crane loads|software releases|call centre queues|leather goods|glass furnaces|elevator systems".split(
    "|",
  );
const CONTEXTS =
  "in small teams|under supervision|for public events|in hazardous areas|according to regulations|using digital tools|in multilingual settings|for export markets|in clinical settings|on construction sites|in remote locations|for young learners|in emergency situations|with quality standards|during night shifts|for heritage sites|in cold climates|at scale|for vulnerable groups|across departments".split(
    "|",
  );

function uuidFor(i: number): string {
  const h = createHash("sha1").update(`esco-synthetic-${i}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function syntheticEscoCsv(n = ESCO_SIZE, variant = 0): string {
  const lines = [
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description",
  ];
  for (let i = 0; i < n; i++) {
    const verb = VERBS[i % VERBS.length];
    const obj = OBJECTS[Math.floor(i / VERBS.length) % OBJECTS.length];
    const ctx = CONTEXTS[Math.floor(i / (VERBS.length * OBJECTS.length)) % CONTEXTS.length];
    const label = `${verb} ${obj} ${ctx}`;
    const alts = [
      `${verb} ${obj}`.replace(/s\b/, "") + ` (${ctx})`,
      `${obj} ${verb === "manage" ? "management" : "work"} ${ctx}`,
      `${verb}ing ${obj} ${ctx}`,
    ];
    if (i % 3 === 0) alts.push(`${obj} ${ctx} #${i}`);
    const desc = `${variant ? "Revised: " : ""}The ability to ${verb} ${obj} ${ctx}, following agreed procedures, keeping records and reporting problems to the responsible person.`;
    lines.push(
      [
        "KnowledgeSkillCompetence",
        `http://data.europa.eu/esco/skill/${uuidFor(i)}`,
        i % 4 === 0 ? "knowledge" : "skill/competence",
        "sector-specific",
        q(label),
        q(alts.join("\n")),
        "",
        "released",
        "2016-12-20T19:32:45.0Z",
        "",
        "",
        q("http://data.europa.eu/esco/concept-scheme/member-skills"),
        q(desc),
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

export function writeSyntheticEsco(file: string, n = ESCO_SIZE, variant = 0): void {
  writeFileSync(file, syntheticEscoCsv(n, variant));
}
