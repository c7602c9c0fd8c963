// `npm run lint`: every static check, each run even when an earlier one fails, then one line per check and a non-zero
// exit if any failed. ESLint (Next's config + a few type-aware rules) · dependency-cruiser (the layer rules in
// .dependency-cruiser.cjs) · TypeScript (tsc --noEmit) · Prettier (--check; `npm run format` writes).
// `npm run lint -- eslint tsc` runs only the checks named.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const CHECKS = [
  { name: "eslint", cmd: bin("eslint"), args: ["--max-warnings", "0", "."] },
  {
    name: "layers",
    cmd: bin("depcruise"),
    args: ["--config", ".dependency-cruiser.cjs", "."],
  },
  { name: "tsc", cmd: bin("tsc"), args: ["--noEmit"] },
  { name: "prettier", cmd: bin("prettier"), args: ["--check", "--log-level", "warn", "."] },
];

const only = process.argv.slice(2);
const results = [];
for (const check of CHECKS.filter((c) => only.length === 0 || only.includes(c.name))) {
  console.log(`\n=== lint: ${check.name}`);
  const started = Date.now();
  const run = spawnSync(check.cmd, check.args, { cwd: root, stdio: "inherit" });
  const ok = run.status === 0;
  if (run.error) console.error(`lint: cannot run ${check.name}: ${run.error.message}`);
  results.push({ name: check.name, ok, seconds: (Date.now() - started) / 1000 });
}

console.log("");
for (const r of results) console.log(`lint: ${r.ok ? "ok    " : "FAILED"} ${r.name} (${r.seconds.toFixed(1)} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
