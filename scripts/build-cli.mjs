// The command line's bundle: cli/sash.ts and the Sash sources it imports, compiled once by esbuild into
// plain JavaScript, so that `npm run sash` starts without compiling TypeScript (issue #23 §5).
//
//   node scripts/build-cli.mjs            build (npm run build, npm install's postinstall)
//   node scripts/build-cli.mjs --if-stale build only when an input changed since the last build (npm start)
//   node scripts/build-cli.mjs --postinstall   as --if-stale, but a failure only warns: `npm install` goes on, and
//                                              the launcher builds (or falls back to tsx) on the first run
//
// Output: node_modules/.cache/sash-cli/<hash of the inputs>/: sash.cjs (the entry with the help text, one
// CommonJS file), cmd-<name>.mjs per command, config.mjs, errors.mjs and shared chunks (ES modules, code
// splitting; each is a dynamic import of the entry, see cli/lazy.ts); and manifest.json naming the current
// folder with every input's size and modification time and each output file's sources and imports. Packages from node_modules stay
// external (Node loads them as before: PGlite's wasm files, pg-native's optional require, pg-boss),
// so only our own sources are inputs. cli/launch.cjs checks the manifest against the files on every
// run (a stat per input, a few ms) and rebuilds when one differs.
//
// Plain JavaScript (no tsx): postinstall runs it before anything else; the freshness check the launcher runs
// every time is cli/bundle-state.cjs.
import fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import bundleState from "../cli/bundle-state.cjs";

const { CACHE_DIR, FORMAT, MANIFEST, ROOT, freshBundle, stamp } = bundleState;

export { CACHE_DIR, ROOT, freshBundle };

const ENTRY = "cli/sash.ts";
/** Besides the sources esbuild reads: what decides how they are compiled. */
const EXTRA_INPUTS = ["tsconfig.json", "scripts/build-cli.mjs", "cli/bundle-state.cjs"];
/** Old bundle folders are removed this long after they were replaced (a command still running may load a chunk). */
const KEEP_OLD_MS = 10 * 60 * 1000;

/**
 * `import.meta.url` / `import.meta.dirname` of a source file, as they were before bundling (its own path
 * under the checkout, found from the bundle's place at run time, so the checkout may move).
 */
function importMetaPlugin() {
  return {
    name: "sash-import-meta",
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await fs.promises.readFile(args.path, "utf8");
        if (!text.includes("import.meta.")) return { contents: text, loader: args.path.endsWith("x") ? "tsx" : "ts" };
        const rel = JSON.stringify(path.relative(ROOT, args.path).split(path.sep).join("/"));
        const contents = text
          .replace(/import\.meta\.url\b/g, `__sashFileUrl(${rel})`)
          .replace(/import\.meta\.dirname\b/g, `__sashDirname(${rel})`)
          .replace(/import\.meta\.filename\b/g, `__sashFilename(${rel})`);
        return { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
      });
    },
  };
}

const BUILTINS = new Set(builtinModules);

/**
 * Packages stay external, imported by Node's own ES module resolver at run time, which (unlike tsx) adds
 * no file extension: `ajv/dist/2019` of a package without an "exports" map is rewritten to the file
 * require() finds (`ajv/dist/2019.js`). A package's JSON file is bundled (Node would want an import attribute).
 */
function packagePathsPlugin() {
  return {
    name: "sash-package-paths",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const spec = args.path;
        if (spec.startsWith("@/") || spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0])) return undefined;
        const parts = spec.split("/");
        const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        const sub = parts.slice(spec.startsWith("@") ? 2 : 1).join("/");
        let file;
        try {
          file = createRequire(path.join(args.resolveDir, "noop.js")).resolve(spec);
        } catch {
          return { path: spec, external: true }; // e.g. only an "import" condition: Node will find it
        }
        if (file.endsWith(".json")) return { path: file };
        if (!sub) return { path: spec, external: true };
        const marker = `${path.sep}node_modules${path.sep}${name.split("/").join(path.sep)}${path.sep}`;
        const at = file.lastIndexOf(marker);
        if (at < 0) return { path: spec, external: true };
        const pkgDir = file.slice(0, at + marker.length - 1);
        let pkg = {};
        try {
          pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
        } catch {
          /* no package.json: legacy resolution */
        }
        if (pkg.exports !== undefined) return { path: spec, external: true };
        const exact = path.join(pkgDir, sub);
        if (fs.existsSync(exact) && fs.statSync(exact).isFile()) return { path: spec, external: true };
        return { path: `${name}/${path.relative(pkgDir, file).split(path.sep).join("/")}`, external: true };
      });
    },
  };
}

/** Builds the bundle and makes it current; returns its entry file. Safe when several processes build at once. */
export async function buildCli() {
  const [esbuild, { createHash }] = await Promise.all([import("esbuild"), import("node:crypto")]);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(CACHE_DIR, "build-"));
  // The checkout's root relative to the bundle folder (CACHE_DIR/<hash>/), fixed by where CACHE_DIR is.
  const up = JSON.stringify(path.relative(path.join(CACHE_DIR, "x"), ROOT).split(path.sep).join("/"));
  const banner = [
    `import { fileURLToPath as __sashF, pathToFileURL as __sashU } from "node:url";`,
    `import __sashPath from "node:path";`,
    `const __sashRoot = __sashPath.resolve(__sashPath.dirname(__sashF(import.meta.url)), ${up});`,
    `const __sashFilename = (rel) => __sashPath.join(__sashRoot, rel);`,
    `const __sashDirname = (rel) => __sashPath.dirname(__sashFilename(rel));`,
    `const __sashFileUrl = (rel) => __sashU(__sashFilename(rel)).href;`,
  ].join("\n");
  // Build 1, ES modules with code splitting: each command, the configuration and the last-resort error printer
  // as entries of their own (cmd-<name>.mjs, config.mjs, errors.mjs), shared code in chunks.
  const commandFiles = fs
    .readdirSync(path.join(ROOT, "cli", "commands"))
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const lazyEntries = { config: "server/config.ts", errors: "cli/errors.ts" };
  for (const f of commandFiles) lazyEntries[`cmd-${f.slice(0, -3)}`] = `cli/commands/${f}`;
  const common = {
    absWorkingDir: ROOT,
    outdir: tmp,
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    metafile: true,
    sourcemap: true, // beside the files (node --enable-source-maps reads them); never loaded otherwise
    sourcesContent: false,
    logLevel: "error",
    logOverride: { "duplicate-object-key": "silent" },
  };
  let result;
  let main;
  try {
    result = await esbuild.build({
      ...common,
      entryPoints: lazyEntries,
      entryNames: "[name]",
      chunkNames: "chunk-[hash]",
      splitting: true,
      format: "esm",
      outExtension: { ".js": ".mjs" },
      banner: { js: banner },
      plugins: [packagePathsPlugin(), importMetaPlugin()],
    });
    // Build 2, one CommonJS file: cli/sash.ts with the help text, whose dynamic imports of a command, the
    // configuration and the error printer point at build 1's files. `--help` then loads this one file and
    // never starts Node's ES module loader.
    const targets = new Map(Object.entries(lazyEntries).map(([name, src]) => [src, `./${name}.mjs`]));
    main = await esbuild.build({
      ...common,
      entryPoints: { sash: ENTRY },
      format: "cjs",
      outExtension: { ".js": ".cjs" },
      plugins: [
        {
          name: "sash-lazy-targets",
          setup(build) {
            build.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind !== "dynamic-import") return undefined;
              const abs = args.path.startsWith("@/")
                ? path.join(ROOT, args.path.slice(2))
                : path.resolve(args.resolveDir, args.path);
              const rel = path.relative(ROOT, abs).split(path.sep).join("/");
              const target = targets.get(rel) ?? targets.get(`${rel}.ts`);
              if (!target) return { errors: [{ text: `cli/sash.ts: no lazy entry for ${args.path}` }] };
              return { path: target, external: true };
            });
          },
        },
        packagePathsPlugin(),
      ],
    });
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  for (const [k, v] of Object.entries(main.metafile.inputs)) result.metafile.inputs[k] = v;
  for (const [k, v] of Object.entries(main.metafile.outputs)) result.metafile.outputs[k] = v;
  const rels = [...Object.keys(result.metafile.inputs).filter((p) => !p.includes("node_modules/")), ...EXTRA_INPUTS];
  const inputs = {};
  const hash = createHash("sha256").update(`${FORMAT}\0${esbuild.version}\0`);
  for (const rel of [...new Set(rels)].sort()) {
    const s = stamp(rel);
    if (!s) continue;
    inputs[rel] = s;
    hash
      .update(`${rel}\0`)
      .update(fs.readFileSync(path.join(ROOT, rel)))
      .update("\0");
  }
  const dir = hash.digest("hex").slice(0, 16);
  const final = path.join(CACHE_DIR, dir);
  try {
    fs.renameSync(tmp, final);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process built the same inputs: theirs is identical
  }
  const tmpManifest = path.join(CACHE_DIR, `manifest-${process.pid}-${Date.now()}.json`);
  // Per output chunk (by file name): the sources in it, and the chunks it imports statically / dynamically.
  const chunks = {};
  const commands = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!out.endsWith(".mjs") && !out.endsWith(".cjs")) continue;
    const name = path.basename(out);
    // Our own files: the chunks of build 1, and build 2's lazy targets (external "./<name>.mjs" imports).
    const ours = (list) =>
      list
        .filter((i) => (!i.external && i.path.endsWith(".mjs")) || (i.external && i.path.startsWith("./")))
        .map((i) => path.basename(i.path));
    chunks[name] = {
      inputs: Object.keys(meta.inputs).filter((p) => p in inputs),
      imports: ours(meta.imports.filter((i) => i.kind === "import-statement")),
      dynamic: ours(meta.imports.filter((i) => i.kind === "dynamic-import")),
    };
    const cmd = meta.entryPoint?.match(/^cli\/commands\/([^/]+)\.ts$/);
    if (cmd) commands[cmd[1]] = name;
  }
  const manifest = {
    format: FORMAT,
    dir,
    builtAt: new Date().toISOString(),
    always: EXTRA_INPUTS,
    inputs,
    chunks,
    commands,
  };
  fs.writeFileSync(tmpManifest, JSON.stringify(manifest));
  fs.renameSync(tmpManifest, MANIFEST);
  removeOld(dir);
  return path.join(final, "sash.cjs");
}

function removeOld(current) {
  const now = Date.now();
  for (const e of fs.readdirSync(CACHE_DIR, { withFileTypes: true })) {
    if (e.name === current || e.name === "manifest.json") continue;
    const p = path.join(CACHE_DIR, e.name);
    try {
      if (now - fs.statSync(p).mtimeMs > KEEP_OLD_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* removed meanwhile */
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const postinstall = process.argv.includes("--postinstall");
  const ifStale = postinstall || process.argv.includes("--if-stale");
  try {
    if (ifStale && freshBundle()) process.exit(0);
    const entry = await buildCli();
    console.error(`sash: command-line bundle built: ${path.relative(ROOT, entry)}`);
  } catch (err) {
    console.error(`sash: building the command-line bundle failed: ${err instanceof Error ? err.message : err}`);
    process.exit(postinstall ? 0 : 1);
  }
}
