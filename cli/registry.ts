// Each command lives in cli/commands/<name>.ts and exports `command: CliCommand`.
import type { CliCommand } from "./types";
import { command as migrate } from "./commands/migrate";
import { command as seed } from "./commands/seed";
import { command as unbake } from "./commands/unbake";
import { command as importJobs } from "./commands/import-jobs";
import { command as fit } from "./commands/fit";
import { command as verify } from "./commands/verify";
import { command as importSkills } from "./commands/import-skills";
import { command as relinkSkills } from "./commands/relink-skills";
import { command as admin } from "./commands/admin";
import { command as backup } from "./commands/backup";
import { command as restore } from "./commands/restore";

export const commands: Record<string, CliCommand> = {
  migrate,
  seed,
  unbake,
  "import-jobs": importJobs,
  fit,
  verify,
  "import-skills": importSkills,
  "relink-skills": relinkSkills,
  admin,
  backup,
  restore,
};
