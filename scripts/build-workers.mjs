// Bundles the worker pool's thread (server/workers/entry.ts, issue #23 §3) with esbuild into
// <distDir>/sash-workers/worker.mjs, where server/workers/pool.ts looks for it at run time. Called by
// next.config.ts when `next build` starts (so `npm start`, .ci/run and a plain `next build` all get it);
// `node scripts/build-workers.mjs [distDir]` builds it alone. Packages stay external (they resolve
// from the repository's node_modules, as the server's own bundle does for serverExternalPackages).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Packages stay external; a deep import without an extension into a package without "exports"
 * (ajv/dist/2019) gets its file's real name, since Node's ES module resolver adds none.
 */
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./@]|^@[^/]+\/[^/]/ }, (args) => {
      if (args.path.startsWith("@/")) return undefined; // our own alias (tsconfig paths)
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const parts = args.path.split("/");
      const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
      const sub = args.path.slice(name.length + 1);
      if (!sub || path.extname(sub)) return { path: args.path, external: true };
      const pkgDir = path.join(root, "node_modules", name);
      let pkg = {};
      try {
        pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
      } catch {
        return { path: args.path, external: true };
      }
      if (pkg.exports !== undefined) return { path: args.path, external: true };
      for (const ext of [".js", ".cjs", ".mjs", "/index.js"])
        if (fs.existsSync(path.join(pkgDir, sub + ext))) return { path: `${args.path}${ext}`, external: true };
      return { path: args.path, external: true };
    });
  },
};

export async function buildWorkers(distDir = ".next") {
  const { build } = await import("esbuild");
  const out = path.resolve(root, distDir, "sash-workers/worker.mjs");
  const tmp = `${out}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await build({
    entryPoints: [path.join(root, "server/workers/entry.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [externalPackages],
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    logOverride: { "duplicate-object-key": "silent" },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  fs.renameSync(tmp, out); // atomic: a build in another process never leaves half a file
  return out;
}

// No top-level await: next.config.ts is compiled to CommonJS, and require() of an ES module refuses
// one whose graph has a top-level await (ERR_REQUIRE_ASYNC_MODULE, which left every build without
// the bundle).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWorkers(process.argv[2]).then(
    (out) => console.log(`sash: worker bundle ${path.relative(root, out)}`),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
