// npm run bench:cli — the command line's start-up against a bare Node start, in the same run (issue #23 §5).
//
// Cases, run interleaved round by round (so load from other processes hits all alike), BENCH_RUNS rounds
// (default 11, at least 7), median wall time of each, as a multiple of `node -e 0`:
//   node -e 0                                   the floor: starting Node at all
//   npm run --silent sash -- --help             what a user types
//   npm run --silent noop                       npm's own floor: a package whose only script is `node -e 0`
//   node cli/launch.cjs --help                  the launcher: freshness check of the bundle, then the bundle
//   node <bundle>/sash.cjs --help               the bundle alone
//   node --import tsx cli/sash.ts --help        the sources through tsx, as before the bundle
// Exits 1 when `npm run sash -- --help` takes more than 4× `node -e 0`. The load average is printed before
// and after: compare ratios, not milliseconds, between runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCli, freshBundle, ROOT } from "../scripts/build-cli.mjs";

const GOAL = 4;
const runs = Math.max(7, Number(process.env.BENCH_RUNS ?? 11) || 11);

const entry: string = freshBundle() ?? (await buildCli());
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// npm's own cost, for reference: `npm run` of a script that is just `node -e 0`, in a throwaway package.
const noopDir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-bench-cli-"));
fs.writeFileSync(path.join(noopDir, "package.json"), JSON.stringify({ name: "noop", scripts: { noop: "node -e 0" } }));
process.on("exit", () => fs.rmSync(noopDir, { recursive: true, force: true }));

interface Case {
  name: string;
  cmd: string;
  args: string[];
  help: boolean;
}
const cases: Case[] = [
  { name: "node -e 0", cmd: process.execPath, args: ["-e", "0"], help: false },
  { name: "npm run --silent sash -- --help", cmd: npm, args: ["run", "--silent", "sash", "--", "--help"], help: true },
  {
    name: "npm run --silent noop (script: node -e 0)",
    cmd: npm,
    args: ["run", "--silent", "--prefix", noopDir, "noop"],
    help: false,
  },
  { name: "node cli/launch.cjs --help", cmd: process.execPath, args: ["cli/launch.cjs", "--help"], help: true },
  {
    name: "node <bundle>/sash.cjs --help",
    cmd: process.execPath,
    args: [path.relative(ROOT, entry), "--help"],
    help: true,
  },
];
cases.push({
  name: "node --import tsx cli/sash.ts --help",
  cmd: process.execPath,
  args: ["--import", "tsx", "cli/sash.ts", "--help"],
  help: true,
});

// As typed in a shell: without the npm_* variables of the `npm run bench:cli` around us (an npm started
// under another npm reads them, and takes longer).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as NodeJS.ProcessEnv;

function once(c: Case): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { cwd: ROOT, encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || (c.help && !r.stdout.startsWith("Usage: npm run --silent sash"))) {
    throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  }
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

const loadBefore = load();
console.log(`bench:cli — ${runs} interleaved rounds, node ${process.version}, load average ${loadBefore}`);
for (const c of cases) once(c); // warm the file cache; not counted
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let i = 0; i < runs; i++) for (const c of cases) times.get(c.name)!.push(once(c));
const loadAfter = load();

const base = median(times.get("node -e 0")!);
console.log("");
console.log(`| case | median ms | min–max ms | × node -e 0 |`);
console.log(`|---|---:|---:|---:|`);
const ratios = new Map<string, number>();
for (const c of cases) {
  const xs = times.get(c.name)!;
  const m = median(xs);
  ratios.set(c.name, m / base);
  console.log(
    `| \`${c.name}\` | ${m.toFixed(0)} | ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} | ${(m / base).toFixed(2)} |`,
  );
}
console.log("");
console.log(`load average before ${loadBefore}, after ${loadAfter}`);
const headline = ratios.get("npm run --silent sash -- --help")!;
const met = headline <= GOAL;
console.log(`npm run sash -- --help: ${headline.toFixed(2)}× node -e 0 (goal ≤ ${GOAL}×): ${met ? "met" : "NOT met"}`);
const floor = ratios.get("npm run --silent noop (script: node -e 0)")!;
console.log(
  `npm run of a bare \`node -e 0\` script: ${floor.toFixed(2)}×; sash --help adds ${(headline - floor).toFixed(2)}× to it`,
);
process.exitCode = met ? 0 : 1;
