// What `npm run sash` runs: the command line's bundle (scripts/build-cli.mjs), never a stale one. The
// manifest's sizes and modification times of the sources this run can load are checked first (~1 ms for
// --help); when one changed, the bundle is rebuilt here (esbuild, well under a second) before the command
// runs. Should that fail (esbuild missing), the sources run through tsx, with a note on stderr.
// CommonJS on purpose: with the bundle's CommonJS entry, `--help` loads three small files and never starts
// Node's ES module loader. The freshness check is cli/bundle-state.cjs (scripts/build-cli.mjs uses it too).
"use strict";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const path = require("node:path");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const { freshBundle } = require("./bundle-state.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const { pathToFileURL } = require("node:url");

async function launch() {
  let entry = freshBundle(process.argv[2] ?? ""); // checks only what this command can load
  if (!entry) {
    try {
      const { buildCli } = await import("../scripts/build-cli.mjs");
      entry = await buildCli();
    } catch (err) {
      process.stderr.write(
        `sash: could not build the command-line bundle (${err instanceof Error ? err.message : err}); ` +
          "running the TypeScript sources through tsx instead (slower start).\n",
      );
    }
  }
  if (entry) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle's CommonJS entry
    require(entry);
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(path.join(__dirname, "sash.ts")).href);
  }
}

if (require.main === module)
  launch().catch((err) => {
    process.stderr.write(`sash: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
    process.exitCode = 1;
  });
