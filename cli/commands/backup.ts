// `npm run --silent sash -- backup <file>`: a consistent copy of the embedded database, also while the
// server runs (server/admin/backup.ts asks it over the data folder's socket). On PostgreSQL: pg_dump.
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { isAppError } from "@/lib/errors";
import { backupTo } from "@/server/admin/backup";

export const command: CliCommand = {
  summary: SUMMARIES["backup"],
  async run(args) {
    const file = args.find((a) => !a.startsWith("-"));
    if (!file || args.length !== 1) {
      printJson({ ok: false, error: { code: "USAGE", message: "Usage: sash backup <file>" } });
      return 2;
    }
    try {
      printJson({ ok: true, ...(await backupTo(file)) });
      return 0;
    } catch (e) {
      if (!isAppError(e)) throw e;
      printJson({ ok: false, error: { code: e.code, message: e.message } });
      return 1;
    }
  },
};
