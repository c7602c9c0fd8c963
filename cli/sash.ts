#!/usr/bin/env -S npx tsx
// Sash command line. `npm run --silent sash -- <command> [args]`.
// Data commands print exactly one JSON object on stdout; progress goes to stderr.
import { commands } from "./registry";
import { config } from "@/server/config";
import { cliFailure } from "./errors";

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`);
    process.stdout.write(
      `Usage: npm run --silent sash -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\n` +
        `The database is chosen as for the app: DATABASE_URL, or the embedded one in SASH_DATA_DIR (default ./.data).\n`,
    );
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stdout.write(
      JSON.stringify({
        ok: false,
        error: { code: "UNKNOWN_COMMAND", message: `Unknown command "${name}". Try --help.` },
      }) + "\n",
    );
    return 2;
  }
  config(); // every environment variable parsed first: a bad value is CONFIG_INVALID naming it
  return cmd.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // One JSON object with a Sash code (cli/errors.ts): never a raw ENOENT or SQLSTATE as the code.
    process.stdout.write(JSON.stringify({ ok: false, error: cliFailure(err) }) + "\n");
    process.exitCode = 1;
  },
);
