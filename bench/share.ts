// `npm run bench:share` — load-test one public share page (issue #7 §7).
//
// Builds the app if needed (into its own dist dir), seeds a learner and a baked
// credential straight into a scratch PGlite folder, starts `next start` on a free
// loopback port with SASH_DEBUG_DB_QUERIES=1, and runs autocannon for 30 s
// (BENCH_SHARE_SECONDS) against /c/<slug>. Baseline in the same run: the same
// route with a malformed slug, which answers 404 before any cache or database
// work — the cost of Next's routing and a route handler alone; and, for scale,
// the same HTML from a bare node:http server (what the machine manages right now).
//
// "No database query per request" is proven with the running statement count of
// the server's one database handle (db/client.ts queryCount), which every
// share response reports in X-Sash-Db-Queries when SASH_DEBUG_DB_QUERIES=1:
// the count after the load must equal the count before it.
import { needsBuild, runBuild } from "../scripts/build-state";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { seedSharedCredential } from "../tests/support/share";

const root = path.resolve(import.meta.dirname, "..");

// ---- server --------------------------------------------------------------------

function buildIfNeeded(distDir: string) {
  if (!needsBuild(distDir)) return;
  console.log(`bench:share: building into ${distDir}…`);
  if (!runBuild(distDir)) throw new Error("next build failed");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return r;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready at ${url}: ${String(last)}`);
}

/** The same bytes from a bare node:http server in its own process: what this machine can do right now. */
async function startRawServer(html: string, port: number): Promise<ChildProcess> {
  const file = path.join(os.tmpdir(), `sash-bench-share-${process.pid}.html`);
  fs.writeFileSync(file, html);
  const code = `const b=require("fs").readFileSync(${JSON.stringify(file)});require("http").createServer((q,r)=>{r.writeHead(200,{"content-type":"text/html; charset=utf-8"});r.end(b)}).listen(${port},"127.0.0.1",()=>console.log("ready"))`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", () => reject(new Error("raw server exited")));
  }).finally(() => fs.rmSync(file, { force: true }));
  return child;
}

// ---- load ----------------------------------------------------------------------

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  "2xx": number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

async function load(url: string, seconds: number, connections: number) {
  const r = await autocannon({ url, duration: seconds, connections, pipelining: 1 });
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    ok2xx: r["2xx"],
  };
}

async function queriesSoFar(url: string): Promise<number> {
  const r = await fetch(url);
  await r.arrayBuffer();
  const v = r.headers.get("x-sash-db-queries");
  if (v === null) throw new Error("X-Sash-Db-Queries header missing (SASH_DEBUG_DB_QUERIES not honoured?)");
  return Number(v);
}

async function main() {
  const seconds = Number(process.env.BENCH_SHARE_SECONDS || 30);
  const connections = Number(process.env.BENCH_SHARE_CONNECTIONS || 10);
  const distDir = process.env.SASH_DIST_DIR || ".next-bench-share";
  buildIfNeeded(distDir);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-bench-share-"));
  const { openDb } = await import("../db/client");
  const h = await openDb({ dataDir });
  const seeded = await seedSharedCredential(h.db);
  await h.close();

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      detached: true, // own process group: stopping it can't orphan next-server (STACK-NOTES trap 12)
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        SASH_DATA_DIR: dataDir,
        SASH_DIST_DIR: distDir,
        SASH_SEED: "0",
        SASH_DEBUG_DB_QUERIES: "1",
        // Background jobs share the statement counter; the re-verification schedule would move it.
        SASH_REVERIFY: "0",
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: origin,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
    },
  );
  const stop = async () => {
    const child = server;
    server = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  process.on("SIGINT", () => {
    void stop().then(() => process.exit(130));
  });

  try {
    const pageUrl = `${origin}/c/${seeded.slug}`;
    const floorUrl = `${origin}/c/not-a-share-slug`;
    const first = await waitFor(pageUrl, 60_000);
    const html = await first.text();
    if (!html.includes("Data Analysis with Spreadsheets"))
      throw new Error("share page did not render the seeded credential");
    // Warm both paths (JIT, cache entry on disk and in memory).
    await load(pageUrl, 3, connections);
    await load(floorUrl, 2, connections);

    const rawPort = await freePort();
    const raw = await startRawServer(html, rawPort);
    let bare;
    try {
      await load(`http://127.0.0.1:${rawPort}/`, 2, connections);
      bare = await load(`http://127.0.0.1:${rawPort}/`, Math.max(5, Math.round(seconds / 3)), connections);
    } finally {
      raw.kill("SIGTERM");
    }
    const floor = await load(floorUrl, Math.max(5, Math.round(seconds / 3)), connections);
    const before = await queriesSoFar(pageUrl);
    const share = await load(pageUrl, seconds, connections);
    const after = await queriesSoFar(pageUrl);
    const queries = after - before;
    // A well-formed slug that isn't shared (issue #12 §1): the first request reads the database
    // once and caches the negative answer; after that it must cost what a cached page costs.
    const unknownUrl = `${origin}/c/${"Q".repeat(22)}`;
    await load(unknownUrl, 2, connections);
    const beforeUnknown = await queriesSoFar(pageUrl);
    const unknown = await load(unknownUrl, Math.max(5, Math.round(seconds / 3)), connections);
    const unknownQueries = (await queriesSoFar(pageUrl)) - beforeUnknown;

    const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
    console.log(
      `\nbench:share — ${seconds} s, ${connections} connections, loopback, node ${process.version}, ${os.cpus().length} CPUs`,
    );
    console.log(`| case | requests/s | p50 ms | p99 ms | × baseline |`);
    console.log(`|---|---:|---:|---:|---:|`);
    console.log(
      `| machine: same HTML from a bare node:http server | ${fmt(bare.rps)} | ${bare.p50} | ${bare.p99} | ${(bare.rps / floor.rps).toFixed(2)} |`,
    );
    console.log(
      `| baseline: /c/<malformed slug> → 404 (Next routing + handler only) | ${fmt(floor.rps)} | ${floor.p50} | ${floor.p99} | 1 |`,
    );
    console.log(
      `| share page /c/<slug> (cached HTML) | ${fmt(share.rps)} | ${share.p50} | ${share.p99} | ${(share.rps / floor.rps).toFixed(2)} |`,
    );
    console.log(
      `| unknown slug /c/<well-formed, not shared> → 404 (cached negative answer) | ${fmt(unknown.rps)} | ${unknown.p50} | ${unknown.p99} | ${(unknown.rps / floor.rps).toFixed(2)} |`,
    );
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} (other work on the machine skews every row alike)`,
    );
    console.log(
      `\nshare page: ${share.total} requests, ${share.ok2xx} 2xx, ${share.non2xx} non-2xx, ${share.errors} errors; page ${html.length} bytes`,
    );
    console.log(
      `database statements during the ${seconds} s load: ${queries} (${(queries / Math.max(1, share.total)).toFixed(4)} per request)`,
    );
    console.log(
      `unknown slug: ${unknown.total} requests, ${unknown.non2xx} non-2xx (404 expected), database statements during its load: ${unknownQueries}`,
    );
    const pass = share.rps >= 1000 && share.p99 < 50 && queries === 0 && share.non2xx === 0 && share.errors === 0;
    console.log(`target ≥ 1,000 req/s, p99 < 50 ms, 0 queries: ${pass ? "MET" : "NOT MET"}`);
    if (queries !== 0 || share.non2xx !== 0 || unknownQueries !== 0) process.exitCode = 1;
  } finally {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`bench:share failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
