import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import { seed } from "@/server/seed/seed";

export const command: CliCommand = {
  summary: SUMMARIES["seed"],
  async run() {
    const summary = await withDb((h) => seed(h.db));
    printJson({ ok: true, ...summary });
    return 0;
  },
};
