import type { CliCommand } from "../types";
import { printJson } from "../types";
import { withDb } from "../db";
import { seed } from "@/server/seed/seed";

export const command: CliCommand = {
  summary: "Load the demo learner, skills library, jobs, courses and pathways (idempotent).",
  async run() {
    const summary = await withDb((h) => seed(h.db));
    printJson({ ok: true, ...summary });
    return 0;
  },
};
