// `npm run --silent sash -- restore <file>`: a `sash backup` file back into an EMPTY data folder
// (SASH_DATA_DIR); it refuses a folder that holds anything. On PostgreSQL: pg_restore / psql.
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { isAppError } from "@/lib/errors";
import { restoreFrom } from "@/server/admin/backup";

export const command: CliCommand = {
  summary: SUMMARIES["restore"],
  async run(args) {
    const file = args.find((a) => !a.startsWith("-"));
    if (!file || args.length !== 1) {
      printJson({ ok: false, error: { code: "USAGE", message: "Usage: sash restore <file>" } });
      return 2;
    }
    try {
      printJson({ ok: true, ...(await restoreFrom(file)) });
      return 0;
    } catch (e) {
      if (!isAppError(e)) throw e;
      printJson({ ok: false, error: { code: e.code, message: e.message } });
      return 1;
    }
  },
};
