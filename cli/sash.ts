// Sash command line. `npm run --silent sash -- <command> [args]`.
// Data commands print exactly one JSON object on stdout; progress goes to stderr.
// Users run the bundle of this file (scripts/build-cli.mjs, started by cli/launch.mjs); `--help` loads
// only cli/summaries.ts, and a command loads its own module (cli/lazy.ts) and, before it, the configuration.
import { LOADERS } from "./lazy";
import { SUMMARIES, type CommandName } from "./summaries";

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(SUMMARIES, name);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const lines = Object.entries(SUMMARIES).map(([n, s]) => `  ${n.padEnd(14)} ${s}`);
    process.stdout.write(
      `Usage: npm run --silent sash -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\n` +
        `The database is chosen as for the app: DATABASE_URL, or the embedded one in SASH_DATA_DIR (default ./.data).\n`,
    );
    return 0;
  }
  if (!isCommand(name)) {
    process.stdout.write(
      JSON.stringify({
        ok: false,
        error: { code: "UNKNOWN_COMMAND", message: `Unknown command "${name}". Try --help.` },
      }) + "\n",
    );
    return 2;
  }
  const [{ config }, { command }] = await Promise.all([import("@/server/config"), LOADERS[name]()]);
  config(); // every environment variable parsed first: a bad value is CONFIG_INVALID naming it
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (err) => {
    // One JSON object with a Sash code (cli/errors.ts): never a raw ENOENT or SQLSTATE as the code.
    const { cliFailure } = await import("./errors");
    process.stdout.write(JSON.stringify({ ok: false, error: cliFailure(err) }) + "\n");
    process.exitCode = 1;
  },
);
