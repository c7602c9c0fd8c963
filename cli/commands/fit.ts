// `npm run --silent sash -- fit --skills "a, b, c" [--query Q] [--limit N]`
// Ranks jobs by Opportunity Fit for the given skills, through the same query as /jobs.
// `--learner <email>` reads that account's wallet instead; `--verified-only` then ranks by
// Verified fit (only skills a credential verified at the time of the run backs — lib/trust/status.ts; typed --skills are self-asserted).
// With `--posting <file|url>`, scores that one posting instead, like /jobs/check (fit-posting.ts).
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import { findUserByEmail } from "@/db/queries/users";
import { MAX_PAGE_SIZE, searchJobs } from "@/server/jobs/search";
import { getSkillResolver } from "@/server/skills/skill-index";
import { runPostingFit } from "./fit-posting";

export const command: CliCommand = {
  summary: SUMMARIES["fit"],
  async run(args) {
    let skills: string | undefined;
    let query: string | undefined;
    let limit = 20;
    let verifiedOnly = false;
    let learner: string | undefined;
    let posting: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--skills") skills = args[++i];
      else if (a === "--query") query = args[++i];
      else if (a === "--limit") limit = Number(args[++i]);
      else if (a === "--verified-only") verifiedOnly = true;
      else if (a === "--learner") learner = args[++i] ?? "";
      else if (a === "--posting") posting = args[++i] ?? "";
    }
    if (posting !== undefined && posting.trim()) return runPostingFit(posting, splitSkills(skills ?? ""));
    if (
      (skills === undefined) === (learner === undefined) ||
      (verifiedOnly && learner === undefined) ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_PAGE_SIZE
    ) {
      printJson({
        ok: false,
        error: {
          code: "USAGE",
          message: `Usage: sash fit (--skills "a, b, c" | --learner <email> [--verified-only]) [--query Q] [--limit 1-${MAX_PAGE_SIZE}] | sash fit --posting <file|url> [--skills "a, b"]`,
        },
      });
      return 2;
    }
    const names = splitSkills(skills ?? "");
    const found = await withDb(async (h) => {
      if (learner !== undefined) {
        const user = await findUserByEmail(h.db, learner);
        return user
          ? searchJobs(h.db, { userId: user.id, verifiedOnly, query, sort: "fit", page: 1, pageSize: limit })
          : null;
      }
      // The same vocabulary as the wallet and the importers: library and imported taxonomies.
      const resolver = await getSkillResolver(h.db);
      const skillKeys = names.map((s) => resolver.resolve(s).key);
      return searchJobs(h.db, { skillKeys, query, sort: "fit", page: 1, pageSize: limit });
    });
    if (!found) {
      printJson({ ok: false, error: { code: "NOT_FOUND", message: "No learner has that email address." } });
      return 1;
    }
    printJson({
      ok: true,
      verifiedOnly: found.verifiedOnly,
      results: found.results.map((r) => ({
        jobId: r.jobId,
        title: r.title,
        employer: r.employer,
        fit: r.fit,
        verifiedFit: r.verifiedFit,
        matched: r.matched.map((s) => s.name),
        missing: r.missing.map((s) => s.name),
      })),
    });
    return 0;
  },
};

function splitSkills(skills: string): string[] {
  return skills
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
