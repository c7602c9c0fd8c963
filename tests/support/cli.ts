// Running the real command line as a deployer does (`npm run --silent sash -- …`): a separate
// Node process on cli/launch.cjs — what the npm script runs — from the repository root, with its own
// data folder. The launcher runs the esbuild bundle (scripts/build-cli.mjs), rebuilt first when a source
// changed, so every CLI test exercises the bundle users run, never the TypeScript through tsx.
// The one way tests spawn the CLI (issue #19 §8).
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "cli/launch.cjs");

export interface SashRun {
  /** The exit code (1 when the process was killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface SashOptions {
  /** SASH_DATA_DIR, the embedded database's folder (a path that must stay absent shows no database was opened). */
  dataDir?: string;
  /** Extra environment; a value of undefined removes the variable. DATABASE_URL is unset unless given here. */
  env?: Record<string, string | undefined>;
}

/** Runs `sash <args…>` to its end and gives its exit code and output. */
export function runSash(args: string[], opts: SashOptions = {}): Promise<SashRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (opts.dataDir !== undefined) env.SASH_DATA_DIR = opts.dataDir;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The one JSON object a data command prints: stdout must be exactly one line. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON reply, read field by field by the assertions
export function onlyJson(stdout: string): any {
  const lines = stdout.trim().split("\n");
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got ${lines.length}:\n${stdout}`);
  return JSON.parse(lines[0]!);
}

/** The last line of stdout, parsed as JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as onlyJson
export function lastJson(stdout: string): any {
  return JSON.parse(stdout.trim().split("\n").pop()!);
}
