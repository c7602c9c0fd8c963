// `npm run --silent sash -- admin <action> …`: what /admin does, for scripting (issue #21 §4). The same
// server functions (server/admin) as the page; each action writes its audit row with the actor
// "cli (<os user>)"; one JSON object on stdout.
//   admin counts
//   admin import jobs|courses|pathways <file> [--source NAME]
//   admin import skills --format esco|onet|lightcast <file>
//   admin import site <sitemap or careers page URL> [--source NAME]
//   admin issuers list
//   admin issuers add-registry <url> [--name NAME]
//   admin issuers add-registry-file <file.json> [--name NAME]
//   admin issuers add <did or url> --name NAME
//   admin issuers remove <id>
//   admin learners find <text>
//   admin learners disable|enable|delete <id or email>
//   admin audit [--limit N]
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import type { Db } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { cliActor, recentAudit } from "@/server/admin/audit";
import { runImport } from "@/server/admin/run-import";
import { adminCounts } from "@/server/admin/overview";
import { deleteLearner, searchLearners, setLearnerDisabled } from "@/server/admin/learners";
import {
  addRegistryFile,
  addRegistryUrl,
  addSingleIssuer,
  removeTrustedIssuer,
  trustedIssuers,
} from "@/server/admin/trusted-issuers";

export const ADMIN_USAGE =
  "Usage: sash admin counts | import jobs|courses|pathways <file> | import skills --format esco|onet|lightcast <file> | " +
  "import site <url> | issuers list|add-registry <url>|add-registry-file <file>|add <did-or-url> --name NAME|remove <id> | " +
  "learners find <text>|disable|enable|delete <id-or-email> | audit [--limit N]";

function usage(): number {
  printJson({ ok: false, error: { code: "USAGE", message: ADMIN_USAGE } });
  return 2;
}

/** Splits `--name value` style options from positional words. */
function parse(args: string[]): { words: string[]; opts: Record<string, string> } {
  const words: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
      else opts[a.slice(2)] = args[++i] ?? "";
    } else words.push(a);
  }
  return { words, opts };
}

function osUser(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string> {
  return fs.readFile(file, "utf8");
}

type Outcome = { exit: number; body: Record<string, unknown> };

async function run(db: Db, words: string[], opts: Record<string, string>): Promise<Outcome | null> {
  const actor = cliActor(osUser());
  const [area, action, arg] = words;
  if (area === "counts") return { exit: 0, body: { ok: true, ...(await adminCounts(db)) } };
  if (area === "audit") {
    const limit = Math.max(1, Math.min(1000, Number(opts.limit ?? 50) || 50));
    return { exit: 0, body: { ok: true, entries: await recentAudit(db, limit) } };
  }
  if (area === "import") {
    if (action === "site" && arg) {
      const r = await runImport(db, actor, { kind: "site", url: arg, source: opts.source });
      return { exit: r.ok ? 0 : 1, body: r };
    }
    if (!arg) return null;
    if (action === "skills") {
      if (!opts.format) return null;
      const bytes = new Uint8Array(await fs.readFile(arg));
      const r = await runImport(db, actor, {
        kind: "skills",
        format: opts.format,
        fileName: path.basename(arg),
        content: bytes,
      });
      return { exit: r.ok ? 0 : 1, body: r };
    }
    if (action === "jobs") {
      const r = await runImport(db, actor, {
        kind: "jobs",
        fileName: path.basename(arg),
        content: await readText(arg),
        source: opts.source,
      });
      return { exit: r.ok ? 0 : 1, body: r };
    }
    if (action === "courses" || action === "pathways") {
      const r = await runImport(db, actor, {
        kind: action,
        fileName: path.basename(arg),
        content: await readText(arg),
      });
      return { exit: r.ok ? 0 : 1, body: r };
    }
    return null;
  }
  if (area === "issuers") {
    if (action === "list") return { exit: 0, body: { ok: true, issuers: await trustedIssuers(db) } };
    if (!arg) return null;
    if (action === "add-registry")
      return { exit: 0, body: { ok: true, issuer: await addRegistryUrl(db, actor, arg, opts.name) } };
    if (action === "add-registry-file")
      return {
        exit: 0,
        body: {
          ok: true,
          issuer: await addRegistryFile(db, actor, path.basename(arg), await readText(arg), opts.name),
        },
      };
    if (action === "add")
      return { exit: 0, body: { ok: true, issuer: await addSingleIssuer(db, actor, arg, opts.name ?? "") } };
    if (action === "remove") {
      const removed = await removeTrustedIssuer(db, actor, arg);
      return removed
        ? { exit: 0, body: { ok: true, removed: arg } }
        : { exit: 1, body: { ok: false, error: { code: "NOT_FOUND", message: `No trusted issuer with id ${arg}.` } } };
    }
    return null;
  }
  if (area === "learners") {
    if (!arg) return null;
    if (action === "find") return { exit: 0, body: { ok: true, learners: await searchLearners(db, arg) } };
    if (action === "disable" || action === "enable")
      return { exit: 0, body: { ok: true, learner: await setLearnerDisabled(db, actor, arg, action === "disable") } };
    if (action === "delete") return { exit: 0, body: { ok: true, deleted: await deleteLearner(db, actor, arg) } };
    return null;
  }
  return null;
}

export const command: CliCommand = {
  summary: SUMMARIES["admin"],
  async run(args) {
    const { words, opts } = parse(args);
    if (!words.length) return usage();
    let outcome: Outcome | null;
    try {
      outcome = await withDb((h) => run(h.db, words, opts));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
        printJson({ ok: false, error: { code: "FILE_NOT_READABLE", message: (e as Error).message } });
        return 1;
      }
      if (isAppError(e) && e.code !== "INTERNAL") {
        printJson({ ok: false, error: { code: e.code, message: e.message } });
        return 1;
      }
      throw e;
    }
    if (!outcome) return usage();
    printJson(outcome.body);
    return outcome.exit;
  },
};
