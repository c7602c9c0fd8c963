// npm run --silent sash -- import-skills --format esco|onet|lightcast <file>
// Upserts an external skills taxonomy by source URI, then re-links custom skills
// that now match (server/skills/relink.ts); prints one JSON summary.
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import { importSkillsStream } from "@/server/admin/imports";
import { IMPORT_FORMATS, type ImportFormat } from "@/lib/skills/importers";

const USAGE = "Usage: import-skills --format esco|onet|lightcast <file>";

function fail(code: string, message: string, exit: number): number {
  printJson({ ok: false, error: { code, message } });
  return exit;
}

export const command: CliCommand = {
  summary: SUMMARIES["import-skills"],
  async run(args) {
    let format: string | undefined;
    let file: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--format" || a === "-f") format = args[++i];
      else if (a.startsWith("--format=")) format = a.slice("--format=".length);
      else if (!a.startsWith("-") && !file) file = a;
      else return fail("USAGE", `Unknown option "${a}". ${USAGE}`, 2);
    }
    if (!format || !IMPORT_FORMATS.includes(format as ImportFormat)) return fail("USAGE", USAGE, 2);
    if (!file) return fail("USAGE", USAGE, 2);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return fail("FILE_NOT_FOUND", `Cannot read ${file}.`, 1);
    }

    const started = Date.now();
    let bytes = 0;
    // Count bytes as the parser pulls them (a "data" listener would start the stream flowing early).
    async function* counted() {
      for await (const chunk of createReadStream(file!)) {
        bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    const stream = counted();
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    let lastRead = -1;
    const progress = (read: number, done = false) => {
      const now = Date.now();
      if (done && read === lastRead && !tty) return; // the last line already said it
      if (!(size > 1_000_000 || tty) || (!done && now - lastLine < (tty ? 200 : 2000))) return;
      lastLine = now;
      lastRead = read;
      const pct = size ? Math.min(100, Math.round((bytes / size) * 100)) : 100;
      const line = `import-skills: ${read.toLocaleString("en-US")} rows read, ${pct}% of ${path.basename(file!)}, ${((now - started) / 1000).toFixed(1)} s`;
      process.stderr.write(tty ? `\r${line}${done ? "\n" : ""}` : `${line}\n`);
    };

    // The import, then (on the same connection) the re-link of custom skills that now match one of its skills:
    // server/admin/imports.ts, the code /admin's skills input runs too.
    const result = await importSkillsStream(
      (fn) => withDb((h) => fn(h.db)),
      format as ImportFormat,
      path.basename(file),
      stream,
      (read) => progress(read),
    );
    if (result.ok && (size > 1_000_000 || tty))
      progress(Number(result.inserted ?? 0) + Number(result.updated ?? 0) + Number(result.skipped ?? 0), true);
    printJson(result);
    return result.ok ? 0 : 1;
  },
};
