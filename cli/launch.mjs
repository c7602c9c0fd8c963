// What `npm run sash` runs: the command line's bundle (scripts/build-cli.mjs), never a stale one.
// The manifest's sizes and modification times of every input are checked first (a few ms); when one
// changed, the bundle is rebuilt here (esbuild, well under a second) before the command runs. Should
// that fail (esbuild missing), the sources run through tsx, with a note on stderr.
import { pathToFileURL } from "node:url";
import { buildCli, freshBundle } from "../scripts/build-cli.mjs";

let entry = freshBundle(process.argv[2] ?? ""); // checks only what this command can load
if (!entry) {
  try {
    entry = await buildCli();
  } catch (err) {
    process.stderr.write(
      `sash: could not build the command-line bundle (${err instanceof Error ? err.message : err}); ` +
        "running the TypeScript sources through tsx instead (slower start).\n",
    );
  }
}
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./sash.ts");
}
