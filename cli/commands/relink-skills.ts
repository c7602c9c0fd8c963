// `npm run --silent sash -- relink-skills`
// Custom skills (wallet credentials, postings, courses, pathways) whose name now
// matches a skill in the database — typically one imported with `sash
// import-skills`, which runs this itself — take that skill's id. Idempotent.
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import { relinkCustomSkills } from "@/server/skills/relink";

export const command: CliCommand = {
  summary: SUMMARIES["relink-skills"],
  async run(args) {
    if (args.length) {
      printJson({ ok: false, error: { code: "USAGE", message: "Usage: sash relink-skills" } });
      return 2;
    }
    const summary = await withDb((h) => relinkCustomSkills(h.db));
    printJson({ ok: true, ...summary });
    return 0;
  },
};
