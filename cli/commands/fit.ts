// `npm run --silent sash -- fit --skills "a, b, c" [--query Q] [--limit N]`
// Ranks jobs by Opportunity Fit for the given skills, through the same query as /jobs.
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { withDb } from "../db";
import { MAX_PAGE_SIZE, searchJobs } from "@/server/jobs/search";
import { getSkillResolver } from "@/server/skills";

export const command: CliCommand = {
  summary: 'Rank jobs by Opportunity Fit for a list of skills: fit --skills "a, b" [--query Q] [--limit N].',
  async run(args) {
    let skills: string | undefined;
    let query: string | undefined;
    let limit = 20;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--skills") skills = args[++i];
      else if (a === "--query") query = args[++i];
      else if (a === "--limit") limit = Number(args[++i]);
    }
    if (skills === undefined || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      printJson({
        ok: false,
        error: {
          code: "USAGE",
          message: `Usage: sash fit --skills "a, b, c" [--query Q] [--limit 1-${MAX_PAGE_SIZE}]`,
        },
      });
      return 2;
    }
    const names = skills
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const found = await withDb(async (h) => {
      // The same vocabulary as the wallet and the importers: library and imported taxonomies.
      const resolver = await getSkillResolver(h.db);
      const skillKeys = names.map((s) => resolver.resolve(s).key);
      return searchJobs(h.db, { skillKeys, query, sort: "fit", page: 1, pageSize: limit });
    });
    printJson({
      ok: true,
      results: found.results.map((r) => ({
        jobId: r.jobId,
        title: r.title,
        employer: r.employer,
        fit: r.fit,
        matched: r.matched.map((s) => s.name),
        missing: r.missing.map((s) => s.name),
      })),
    });
    return 0;
  },
};
