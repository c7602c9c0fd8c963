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
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { crc32 } from "node:zlib";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import type { Db } from "../db/client";
import { credentialFiles, credentials, credentialSkills, users } from "../db/schema";
import { newShareSlug } from "../lib/share/slug";

const root = path.resolve(import.meta.dirname, "..");

// ---- fixture -------------------------------------------------------------------

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A 256×256 PNG with an OB 2.0 iTXt "openbadges" chunk after IHDR (OB 2.0 Baking §PNG). */
export function bakedPng(assertion: object): Buffer {
  const img = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < img.data.length; i += 4) {
    const p = i / 4;
    img.data[i] = 23 + ((p >> 8) & 63);
    img.data[i + 1] = 86 + (p & 63);
    img.data[i + 2] = 63;
    img.data[i + 3] = 255;
  }
  const plain = PNG.sync.write(img);
  const itxt = Buffer.concat([Buffer.from("openbadges\0\0\0\0\0", "latin1"), Buffer.from(JSON.stringify(assertion), "utf8")]);
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([plain.subarray(0, ihdrEnd), chunk("iTXt", itxt), plain.subarray(ihdrEnd)]);
}

export interface SeededShare {
  userId: string;
  credentialId: string;
  slug: string;
}

/** One learner and one baked, verified credential with skills; returns its share slug. */
export async function seedSharedCredential(db: Db, opts: { email?: string; passwordHash?: string | null; name?: string } = {}): Promise<SeededShare> {
  const [user] = await db
    .insert(users)
    .values({ name: opts.name ?? "Bench Learner", email: opts.email ?? `bench-${randomBytes(4).toString("hex")}@example.test`, passwordHash: opts.passwordHash ?? null })
    .returning({ id: users.id });
  const assertion = {
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: "https://issuer.example/assertions/1",
    recipient: { type: "email", hashed: true, salt: "s", identity: `sha256$${createHash("sha256").update("learner@example.tests").digest("hex")}` },
    badge: {
      type: "BadgeClass",
      id: "https://issuer.example/badges/data",
      name: "Data Analysis with Spreadsheets",
      description: "Cleans, summarises and charts data in **spreadsheets**. See [the syllabus](https://issuer.example/syllabus).",
      criteria: { narrative: "1. Complete six labs\n2. Pass the final project" },
      issuer: { type: "Profile", id: "https://issuer.example/", name: "Example Academy", url: "https://issuer.example/" },
      tags: ["Microsoft Excel", "Data analysis"],
    },
    issuedOn: "2024-03-12T00:00:00Z",
    verification: { type: "hosted" },
  };
  const bytes = bakedPng(assertion);
  const [file] = await db
    .insert(credentialFiles)
    .values({ userId: user.id, sha256: createHash("sha256").update(bytes).digest("hex"), mimeType: "image/png", size: bytes.length, bytes })
    .returning({ id: credentialFiles.id });
  const slug = newShareSlug();
  const badge = assertion.badge;
  const [cred] = await db
    .insert(credentials)
    .values({
      userId: user.id,
      origin: "upload",
      spec: "ob2",
      externalId: assertion.id,
      title: badge.name,
      description: badge.description,
      criteriaNarrative: badge.criteria.narrative,
      issuerName: badge.issuer.name,
      issuerUrl: badge.issuer.url,
      issuedOn: new Date(assertion.issuedOn),
      fileId: file.id,
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      record: {
        spec: "ob2",
        title: badge.name,
        source: { container: "png", encoding: "json", keyword: "openbadges" },
        documents: { assertion, badgeClass: badge, issuer: badge.issuer },
      },
      raw: JSON.stringify(assertion),
      verification: {
        result: "valid",
        checkedAt: "2024-03-13T10:00:00Z",
        checks: [
          { id: "hosted", status: "pass", message: "The issuer's hosted copy matches." },
          { id: "recipient", status: "pass", message: "Issued to learner@example.test." },
          { id: "expiry", status: "pass", message: "Does not expire." },
          { id: "revocation", status: "pass", message: "Not revoked." },
        ],
      },
      verificationResult: "valid",
      shareSlug: slug,
    })
    .returning({ id: credentials.id });
  await db.insert(credentialSkills).values(
    badge.tags.map((name, position) => ({ credentialId: cred.id, userId: user.id, position, name, skillKey: `custom:${name.toLowerCase()}` })),
  );
  return { userId: user.id, credentialId: cred.id, slug };
}

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
  let server: ChildProcess | null = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true, // own process group: stopping it can't orphan next-server (STACK-NOTES trap 12)
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      SASH_DATA_DIR: dataDir,
      SASH_DIST_DIR: distDir,
      SASH_SEED: "0",
      SASH_DEBUG_DB_QUERIES: "1",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: origin,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  });
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
    if (!html.includes("Data Analysis with Spreadsheets")) throw new Error("share page did not render the seeded credential");
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

    const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
    console.log(`\nbench:share — ${seconds} s, ${connections} connections, loopback, node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`| case | requests/s | p50 ms | p99 ms | × baseline |`);
    console.log(`|---|---:|---:|---:|---:|`);
    console.log(`| machine: same HTML from a bare node:http server | ${fmt(bare.rps)} | ${bare.p50} | ${bare.p99} | ${(bare.rps / floor.rps).toFixed(2)} |`);
    console.log(`| baseline: /c/<malformed slug> → 404 (Next routing + handler only) | ${fmt(floor.rps)} | ${floor.p50} | ${floor.p99} | 1 |`);
    console.log(`| share page /c/<slug> (cached HTML) | ${fmt(share.rps)} | ${share.p50} | ${share.p99} | ${(share.rps / floor.rps).toFixed(2)} |`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews every row alike)`);
    console.log(`\nshare page: ${share.total} requests, ${share.ok2xx} 2xx, ${share.non2xx} non-2xx, ${share.errors} errors; page ${html.length} bytes`);
    console.log(`database statements during the ${seconds} s load: ${queries} (${(queries / Math.max(1, share.total)).toFixed(4)} per request)`);
    const pass = share.rps >= 1000 && share.p99 < 50 && queries === 0 && share.non2xx === 0 && share.errors === 0;
    console.log(`target ≥ 1,000 req/s, p99 < 50 ms, 0 queries: ${pass ? "MET" : "NOT MET"}`);
    if (queries !== 0 || share.non2xx !== 0) process.exitCode = 1;
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
