// Each command lives in cli/commands/<name>.ts and exports `command: CliCommand`.
import type { CliCommand } from "./types";
import { command as migrate } from "./commands/migrate";
import { command as seed } from "./commands/seed";

export const commands: Record<string, CliCommand> = {
  migrate,
  seed,
};
