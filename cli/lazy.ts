// Each command's module, loaded only when that command runs (a dynamic import per command), so that
// `sash --help` and the start of any one command load nothing of the others: the database drivers,
// jsonld and pg-boss come in with the commands that use them. cli/registry.ts is the eager table
// (tests call commands in-process through it); tests/cli/lazy.test.ts keeps the two in step.
import type { CommandName } from "./summaries";
import type { CliCommand } from "./types";

export const LOADERS: Record<CommandName, () => Promise<{ command: CliCommand }>> = {
  migrate: () => import("./commands/migrate"),
  seed: () => import("./commands/seed"),
  unbake: () => import("./commands/unbake"),
  "import-jobs": () => import("./commands/import-jobs"),
  fit: () => import("./commands/fit"),
  verify: () => import("./commands/verify"),
  "import-skills": () => import("./commands/import-skills"),
  "relink-skills": () => import("./commands/relink-skills"),
  admin: () => import("./commands/admin"),
  backup: () => import("./commands/backup"),
  restore: () => import("./commands/restore"),
};
