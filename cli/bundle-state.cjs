// Whether the command line's bundle (scripts/build-cli.mjs) is current. Required by cli/launch.cjs on every
// `npm run sash` and imported by scripts/build-cli.mjs: CommonJS (no ES module loader for --help), node:fs and
// node:path only, no esbuild, no hashing.
"use strict";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const fs = require("node:fs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "sash-cli");
const MANIFEST = path.join(CACHE_DIR, "manifest.json");
/** Bump when the output's shape changes. */
const FORMAT = 3;
/** The bundle's entry: CommonJS, so that `--help` never starts Node's ES module loader. */
const ENTRY = "sash.cjs";

function stamp(rel) {
  try {
    const s = fs.statSync(path.join(ROOT, rel));
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

function readManifest() {
  try {
    const m = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
    return m && m.format === FORMAT ? m : null;
  } catch {
    return null;
  }
}

/** The bundle's chunks a run of `command` (argv[2]) can load: the entry, what it imports but the other commands, and all they import. */
function chunksFor(m, command) {
  const seen = new Set();
  const visit = (file, dynamicToo) => {
    if (seen.has(file) || !m.chunks[file]) return;
    seen.add(file);
    for (const f of m.chunks[file].imports) visit(f, true);
    if (dynamicToo) for (const f of m.chunks[file].dynamic) visit(f, true);
  };
  visit(ENTRY, false);
  // The entry's dynamic imports: the commands — only the one that runs counts — and what any run may load
  // (the configuration, the last-resort error printer).
  const commandChunks = new Set(Object.values(m.commands));
  for (const f of m.chunks[ENTRY]?.dynamic ?? []) if (!commandChunks.has(f)) visit(f, true);
  const own = command !== undefined && Object.prototype.hasOwnProperty.call(m.commands, command);
  if (own) visit(m.commands[command], true);
  return seen;
}

/**
 * The current bundle's entry file, or null when there is none or when an input of what this run can load
 * changed (size or modification time differs, or a file is gone) since it was built. With `command`
 * (the command line's first word) only the sources in the entry chunk and that command's chunks are
 * checked — `--help` stats a handful of files; with none, every input.
 */
function freshBundle(command) {
  const m = readManifest();
  if (!m) return null;
  const rels = new Set(m.always);
  if (command === null || command === undefined) for (const rel of Object.keys(m.inputs)) rels.add(rel);
  else for (const chunk of chunksFor(m, command)) for (const rel of m.chunks[chunk].inputs) rels.add(rel);
  for (const rel of rels) {
    const recorded = m.inputs[rel];
    const now = stamp(rel);
    if (!recorded || !now || now[0] !== recorded[0] || now[1] !== recorded[1]) return null;
  }
  const entry = path.join(CACHE_DIR, m.dir, ENTRY);
  return fs.existsSync(entry) ? entry : null;
}

module.exports = { ROOT, CACHE_DIR, MANIFEST, FORMAT, stamp, freshBundle };
