// `npm run test:load` — many learners at once against a real `next start`
// (issue #12 §2). Bounded (a few minutes), prints numbers, not part of `npm test`.
//
//   1. Builds into SASH_DIST_DIR (default .next-load) if needed; opens a fresh
//      PostgreSQL database (LOAD_DATABASE_URL or TEST_DATABASE_URL, else a
//      throwaway cluster from scripts/pg-test-cluster.sh) and starts the server on it.
//   2. LOAD_LEARNERS (default 200) learners sign in over HTTP (next-auth).
//   3. Limits: one learner sends 8 uploads at once — beyond SASH_MAX_UPLOADS_PER_LEARNER
//      (3) they must get 429 with the learner-facing message, never a 5xx.
//   4. Every learner uploads one real badge file from ../shared/fixtures/real
//      (PNG and SVG, round robin), at most 12 uploads in flight (below the
//      server's 16): the pre-filled draft, or an answer the learner can act on.
//   5. All drafts are saved at the same moment through the real server action
//      (Next-Action, as the browser sends it) while LOAD_SHARE_CONNECTIONS
//      (default 10) clients read a share page, its image and unknown slugs (on a thread of
//      their own, bench/share-readers.mjs, so the saves' answers don't delay theirs) from the
//      share-link server (npm run start:share) on the same database; LOAD_SHARE_FROM=app
//      reads them from the app's own process instead.
//   6. Counts rows against responses: every "saved" answer is exactly one
//      credential of that learner, nothing else landed, no staging row left for
//      a saved upload, no 5xx anywhere. Exits 1 on any mismatch.
import { spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { verifySync as argon2VerifySync } from "@node-rs/argon2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "../db/client";
import { ARGON2_COSTS, hashPassword } from "../server/auth/password";
import { repoRoot } from "../scripts/build-state";
import { REAL_FIXTURES } from "../tests/support/fixtures";
import { ensureBuild, freePort, startNextServer, stopNextServer } from "../tests/support/next-server";

const LEARNERS = Number(process.env.LOAD_LEARNERS || 200);
const SHARE_CONNECTIONS = Number(process.env.LOAD_SHARE_CONNECTIONS || 10);
const UPLOAD_CONCURRENCY = 12;
const SIGN_IN_CONCURRENCY = 20;
/** Where share links are read during the saves (see step 5 in scenario()). */
const SHARE_FROM = process.env.LOAD_SHARE_FROM || "share-server";
const DIST = process.env.SASH_DIST_DIR || ".next-load";
const FIXTURES = REAL_FIXTURES;
const PASSWORD = "load-test-password-2026";

type Tally = Record<string, number>;
const bump = (t: Tally, k: string) => void (t[k] = (t[k] ?? 0) + 1);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `n ${s.length}, p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms, max ${(s.at(-1) ?? NaN).toFixed(0)} ms`;
}

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

function realFiles(): Array<{ name: string; bytes: Buffer; mime: string }> {
  const out: Array<{ name: string; bytes: Buffer; mime: string }> = [];
  for (const [dir, mime] of [
    ["png", "image/png"],
    ["svg", "image/svg+xml"],
  ] as const) {
    const d = path.join(FIXTURES, dir);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort())
      out.push({ name: `${dir}/${f}`, bytes: fs.readFileSync(path.join(d, f)), mime });
  }
  if (!out.length) throw new Error(`no real badge files in ${FIXTURES} (png/, svg/): test:load needs them`);
  return out;
}

function actionId(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(repoRoot, DIST, "server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  for (const [id, e] of Object.entries(manifest.node)) {
    if (e.exportedName === name && e.filename?.endsWith("app/wallet/add/actions.ts")) return id;
  }
  throw new Error(`${name} not found in the server reference manifest`);
}

class Cookies {
  private jar = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
}

async function signIn(base: string, email: string): Promise<Cookies> {
  const jar = new Cookies();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${base}/wallet`, json: "true" }),
  });
  jar.take(res);
  await res.arrayBuffer();
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
  return jar;
}

interface Upload {
  status: number;
  code?: string;
  message?: string;
  uploadId?: string;
  kind?: string;
  ms: number;
}

async function upload(base: string, jar: Cookies, file: { bytes: Buffer; mime: string }): Promise<Upload> {
  const t0 = performance.now();
  const res = await fetch(`${base}/wallet/add/upload`, {
    method: "POST",
    headers: { origin: base, cookie: jar.header(), "content-type": file.mime },
    body: new Uint8Array(file.bytes),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let body: { ok?: boolean; code?: string; message?: string; data?: { kind: string; draft?: { uploadId: string } } } =
    {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: counted by status */
  }
  return {
    status: res.status,
    code: body.code,
    message: body.message,
    kind: body.data?.kind,
    uploadId: body.data?.draft?.uploadId,
    ms,
  };
}

/** The follow-up verification the form runs while the learner reads it (verifyDraftAction). */
async function verify(
  base: string,
  jar: Cookies,
  id: string,
  uploadId: string,
): Promise<{ status: number; ms: number }> {
  const fd = new FormData();
  fd.append("_1_uploadId", uploadId);
  fd.append("0", JSON.stringify([null, "$K1"]));
  const t0 = performance.now();
  const res = await fetch(`${base}/wallet/add`, {
    method: "POST",
    headers: { "next-action": id, accept: "text/x-component", origin: base, cookie: jar.header() },
    body: fd,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

/** The save server action as React 19 sends it from useActionState: [prevState, FormData] via encodeReply ("_1_" field prefix, "$K1"). */
async function save(
  base: string,
  jar: Cookies,
  actionId: string,
  uploadId: string,
  title: string,
): Promise<{ status: number; outcome: string; ms: number; bytes: number }> {
  const fd = new FormData();
  fd.append("_1_uploadId", uploadId);
  fd.append("_1_title", title);
  fd.append("_1_description", "");
  fd.append("0", JSON.stringify([null, "$K1"]));
  const t0 = performance.now();
  const res = await fetch(`${base}/wallet/add`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId, accept: "text/x-component", origin: base, cookie: jar.header() },
    body: fd,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  const outcome = /"kind":"saved"/.test(text)
    ? "saved"
    : /"kind":"duplicate"/.test(text)
      ? "duplicate"
      : (/"code":"([A-Z_]+)"/.exec(text)?.[1] ?? `HTTP ${res.status}`);
  return { status: res.status, outcome, ms, bytes: Buffer.byteLength(text) };
}

interface Measured {
  signInP95: number;
  verifyP95: number;
  shareP99: number;
  shareRps: number;
}

/** What a pass computed, compared between the pool-on and pool-off passes (timing-free). */
interface Outcomes {
  signedIn: number;
  staged: Tally;
  verified: Tally;
  saved: Tally;
  rows: number;
}

/** The server's log lines about its worker pool (server/workers/offload.ts) after it stopped. */
function poolLog(log: string): {
  started?: string;
  completed?: Record<string, number>;
  onRequestThread?: Record<string, number>;
} {
  const started = /^sash: (worker pool: .*|worker pool off .*)$/m.exec(log)?.[1];
  const done =
    /^sash: worker pool stopped; tasks completed on worker threads: (.*); on the request thread: (.*)$/m.exec(log);
  const counts = (list: string) =>
    Object.fromEntries(
      list === "none" ? [] : list.split(", ").map((p) => [p.split(" ")[0]!, Number(p.split(" ")[1])] as const),
    );
  return { started, completed: done && counts(done[1]!), onRequestThread: done && counts(done[2]!) } as never;
}

/** Waits until the server answers a cheap request fast several times in a row: Next loads every route's code after "ready". */
async function settle(base: string): Promise<number> {
  const t0 = performance.now();
  let fast = 0;
  while (fast < 5 && performance.now() - t0 < 120_000) {
    const t = performance.now();
    await (await fetch(`${base}/api/auth/csrf`)).arrayBuffer();
    fast = performance.now() - t < 50 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return performance.now() - t0;
}

/** Issue #23 §3's goals for the share reads during the save burst, sign-in and the verify step. */
const GOALS: Array<{ what: string; key: keyof Measured; limit: number; unit: string; atLeast?: boolean }> = [
  { what: `share page p99 during the saves (from ${SHARE_FROM})`, key: "shareP99", limit: 50, unit: "ms" },
  {
    what: `share reads during the saves (from ${SHARE_FROM})`,
    key: "shareRps",
    limit: 500,
    unit: "req/s",
    atLeast: true,
  },
  { what: "sign-in p95", key: "signInP95", limit: 1000, unit: "ms" },
  { what: "verify step p95", key: "verifyP95", limit: 2000, unit: "ms" },
];

/** LOAD_WORKER_THREADS: the server's SASH_WORKER_THREADS in each pass, in order (default "4,0": pool on, then off as the baseline). */
const MODES = (process.env.LOAD_WORKER_THREADS || "4,0").split(",").map((m) => Number(m.trim()));

async function main() {
  // One build for every pass (SASH_PREBUILT=1: use the one in SASH_DIST_DIR as it is).
  ensureBuild(DIST);
  const runs: Array<{ threads: number; m: Measured; o: Outcomes; failed: boolean; load: string }> = [];
  for (const threads of MODES) {
    const r = await scenario(threads);
    runs.push({
      threads,
      ...r,
      load: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" "),
    });
  }
  let failed = runs.some((r) => r.failed);
  const ref = runs[runs.length - 1]!;
  for (const r of runs.slice(0, -1)) {
    const same = JSON.stringify(sortedKeys(r.o)) === JSON.stringify(sortedKeys(ref.o));
    console.log(
      `${same ? "ok  " : "FAIL"} pool ${r.threads} and pool ${ref.threads} computed the same outcomes: ${JSON.stringify(sortedKeys(r.o))}${same ? "" : ` vs ${JSON.stringify(sortedKeys(ref.o))}`}`,
    );
    if (!same) failed = true;
  }
  console.log("\ngoals (issue #23 §3), pool = SASH_WORKER_THREADS:");
  for (const g of GOALS) {
    const cells = runs.map((r) => `pool ${r.threads}: ${r.m[g.key].toFixed(0)} ${g.unit}`).join(" | ");
    const main = runs[0]!.m[g.key];
    const met = g.atLeast ? main >= g.limit : main < g.limit;
    if (!met) failed = true;
    const base = runs.find((r) => r.threads === 0);
    const ratio = base && runs[0]!.threads !== 0 ? ` (× pool off: ${(main / base.m[g.key]).toFixed(2)})` : "";
    console.log(
      `${met ? "met    " : "NOT met"} ${g.what}: ${cells}${ratio}; goal ${g.atLeast ? "≥" : "<"} ${g.limit} ${g.unit}`,
    );
  }
  console.log(`load average after each pass: ${runs.map((r) => `pool ${r.threads}: ${r.load}`).join(" | ")}`);
  console.log(failed ? "test:load FAILED" : "test:load passed");
  process.exitCode = failed ? 1 : 0;
}

function sortedKeys(o: Outcomes): Outcomes {
  const sort = (t: Tally) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));
  return { ...o, staged: sort(o.staged), verified: sort(o.verified), saved: sort(o.saved) };
}

async function scenario(threads: number): Promise<{ m: Measured; o: Outcomes; failed: boolean }> {
  console.log(`\n=== pass with SASH_WORKER_THREADS=${threads}`);
  const m: Measured = { signInP95: NaN, verifyP95: NaN, shareP99: NaN, shareRps: NaN };
  const o: Outcomes = { signedIn: 0, staged: {}, verified: {}, saved: {}, rows: 0 };
  const files = realFiles();
  const saveId = actionId("saveDraftAction");
  const verifyId = actionId("verifyDraftAction");

  let clusterDir = "";
  let baseUrl = process.env.LOAD_DATABASE_URL || process.env.TEST_DATABASE_URL || "";
  if (!baseUrl) {
    const r = spawnSync(path.join(repoRoot, "scripts/pg-test-cluster.sh"), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`could not start a throwaway PostgreSQL: ${r.stderr}`);
    [baseUrl, clusterDir] = r.stdout.trim().split(" ");
  }
  const dbName = `sash_load_${randomBytes(4).toString("hex")}`;
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();

  let h: DbHandle | undefined;
  let child: ChildProcess | undefined;
  let shareChild: ChildProcess | undefined;
  let logFile = "";
  let failed = false;
  const check = (ok: boolean, what: string) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failed = true;
  };
  try {
    h = await openDb({ databaseUrl: dbUrl });
    const hash = await hashPassword(PASSWORD);
    // The floor sign-in can't beat on this machine: every sign-in hashes once (server/auth/password.ts), so with
    // SIGN_IN_CONCURRENCY in flight a sign-in waits for that many hashes shared among the cores.
    const hashMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      argon2VerifySync(hash, PASSWORD);
      hashMs.push(performance.now() - t0);
    }
    const oneHash = [...hashMs].sort((a, b) => a - b)[2]!;
    const signInFloor = (SIGN_IN_CONCURRENCY * oneHash) / os.cpus().length;
    const learners: Array<{ id: string; email: string; jar?: Cookies }> = [];
    for (let i = 0; i < LEARNERS; i++) {
      const email = `load-${i}-${randomBytes(3).toString("hex")}@example.test`;
      const r = (await h.db.execute(
        sql`insert into users (name, email, password_hash) values (${`Learner ${i}`}, ${email}, ${hash}) returning id`,
      )) as unknown as { rows: Array<{ id: string }> };
      learners.push({ id: r.rows[0]!.id, email });
    }

    const port = await freePort();
    logFile = path.join(os.tmpdir(), `sash-load-${port}.log`);
    const serverEnv = (url: string) => ({
      SASH_DIST_DIR: DIST,
      DATABASE_URL: dbUrl,
      SASH_SEED: "0",
      AUTH_SECRET: "load-test-secret-not-for-production-0123456789",
      NEXTAUTH_URL: url,
      SASH_RATE_LIMIT_IP: "1000000",
      SASH_RATE_LIMIT_EMAIL: "1000",
      SASH_RATE_LIMIT_SIGNUP: "1000000",
      SASH_WORKER_THREADS: String(threads),
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": where the server's main thread spends the burst
      ...(process.env.LOAD_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.LOAD_SERVER_NODE_OPTIONS } : {}),
    });
    const server = await startNextServer({ port, logFile, readyPath: "/sign-in", env: serverEnv });
    child = server.child;
    const base = server.url;
    // Where the share links are read (LOAD_SHARE_FROM): "share-server" (default), `npm run start:share`
    // (server/share/standalone.ts) on the same database, as a PostgreSQL deployment that sends /c/ and /r/ to it
    // does (README, "A real PostgreSQL"); "app", the same `next start` the saves go to; "next", a second one.
    const shareFrom = SHARE_FROM;
    let shareBase = base;
    if (shareFrom === "share-server" || shareFrom === "next") {
      const sharePort = await freePort();
      const share = await startNextServer({
        port: sharePort,
        logFile: path.join(os.tmpdir(), `sash-load-${sharePort}.log`),
        readyPath: shareFrom === "next" ? "/sign-in" : "/api/health",
        env: serverEnv,
        command: shareFrom === "next" ? "next" : "share",
      });
      shareChild = share.child;
      shareBase = share.url;
      if (shareFrom === "next") await settle(shareBase);
    } else if (shareFrom !== "app")
      throw new Error(`LOAD_SHARE_FROM: "app", "share-server" or "next", not ${shareFrom}`);
    console.log(
      `share links read from: ${shareFrom === "app" ? "the app's process" : `${shareFrom} on the same database (${shareBase})`}`,
    );
    console.log(`server settled (route code loaded) in ${((await settle(base)) / 1000).toFixed(1)} s after ready`);
    console.log(
      `test:load — ${LEARNERS} learners, ${files.length} real files, PostgreSQL, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    // 2. sign in
    const signInMs: number[] = [];
    await pool(learners, SIGN_IN_CONCURRENCY, async (l) => {
      const t0 = performance.now();
      l.jar = await signIn(base, l.email);
      signInMs.push(performance.now() - t0);
    });
    console.log(`sign-in:  ${stats(signInMs)}`);
    const p95 = percentile(
      [...signInMs].sort((a, b) => a - b),
      95,
    );
    console.log(
      `sign-in floor from password hashing alone: ${SIGN_IN_CONCURRENCY} in flight × ${oneHash.toFixed(0)} ms per hash (argon2id m=${ARGON2_COSTS.memoryCost} KiB t=${ARGON2_COSTS.timeCost}, median of 5 here) ÷ ${os.cpus().length} cores = ${signInFloor.toFixed(0)} ms; p95 is ${(p95 / signInFloor).toFixed(2)}× that floor`,
    );
    o.signedIn = signInMs.length;
    m.signInP95 = percentile(
      [...signInMs].sort((a, b) => a - b),
      95,
    );

    // 3. limits: one learner, 8 uploads at once
    const burst = await Promise.all(files.slice(0, 8).map((f) => upload(base, learners[0]!.jar!, f)));
    const burstTally: Tally = {};
    for (const b of burst) bump(burstTally, String(b.status));
    console.log(`burst of 8 uploads by one learner: ${JSON.stringify(burstTally)}`);
    check((burstTally["429"] ?? 0) > 0, "uploads past the per-learner limit answer 429");
    check(
      burst
        .filter((b) => b.status === 429)
        .every((b) => b.code === "TOO_MANY_UPLOADS" && /already uploading 3 files/.test(b.message ?? "")),
      "each 429 carries TOO_MANY_UPLOADS and the learner-facing message",
    );
    check(
      burst.every((b) => b.status < 500),
      "no 5xx in the burst",
    );
    const burstStaged = burst.filter((b) => b.uploadId).length;

    // 4. stage one real file per learner (learner 0 too: its burst uploads stay staged, never saved)
    const staged: Array<{ learner: number; upload: Upload; file: string }> = [];
    const stageTally: Tally = {};
    await pool(learners, UPLOAD_CONCURRENCY, async (l, i) => {
      const f = files[i % files.length]!;
      const up = await upload(base, l.jar!, f);
      staged.push({ learner: i, upload: up, file: f.name });
      bump(stageTally, up.status === 200 ? `200 ${up.kind}` : `${up.status} ${up.code}`);
    });
    console.log(`upload:   ${stats(staged.map((s) => s.upload.ms))}; answers ${JSON.stringify(stageTally)}`);
    o.staged = stageTally;
    check(
      staged.every((s) => s.upload.status < 500),
      "no 5xx on upload",
    );
    check(
      staged.every((s) => s.upload.status !== 429),
      "no 429 below the limits",
    );

    // 5. as in the browser, each draft is verified while the learner reads the form (not part of the save);
    // then every draft is saved at the same moment, with share-page readers running
    const drafts = staged.filter((s) => s.upload.uploadId);
    const verifyMs: number[] = [];
    const verifyTally: Tally = {};
    const verifyByFile = new Map<string, number[]>();
    await pool(drafts, UPLOAD_CONCURRENCY, async (d) => {
      const v = await verify(base, learners[d.learner]!.jar!, verifyId, d.upload.uploadId!);
      verifyMs.push(v.ms);
      verifyByFile.set(d.file, [...(verifyByFile.get(d.file) ?? []), v.ms]);
      bump(verifyTally, String(v.status));
    });
    console.log(`verify:   ${stats(verifyMs)}; HTTP ${JSON.stringify(verifyTally)}`);
    const slowest = [...verifyByFile]
      .map(([f, ms]) => [f, Math.max(...ms), ms.length] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    console.log(`verify, slowest files: ${slowest.map(([f, ms, n]) => `${f} ${ms.toFixed(0)} ms (${n}×)`).join(", ")}`);
    o.verified = verifyTally;
    m.verifyP95 = percentile(
      [...verifyMs].sort((a, b) => a - b),
      95,
    );
    check(
      Object.keys(verifyTally).every((k) => Number(k) < 500),
      "no 5xx on verify",
    );
    drafts.sort((a, b) => a.learner - b.learner); // the same share target in every pass
    const first = drafts.shift();
    if (!first) throw new Error("no upload produced a draft");
    const firstSave = await save(
      base,
      learners[first.learner]!.jar!,
      saveId,
      first.upload.uploadId!,
      `Load ${first.file}`,
    );
    check(firstSave.outcome === "saved", `one save through the server action (${firstSave.outcome})`);
    const slugRow = (await h.db.execute(sql`select share_slug from credentials limit 1`)) as unknown as {
      rows: Array<{ share_slug: string }>;
    };
    const slug = slugRow.rows[0]?.share_slug ?? "none";
    // The link's first reads fill the share cache (the image is re-encoded once, in the pool); reported
    // apart: the goal is about reads of a shared link while other learners save.
    const cold: string[] = [];
    for (const target of [`/c/${slug}`, `/c/${slug}/image`]) {
      const t0 = performance.now();
      const r = await fetch(shareBase + target);
      await r.arrayBuffer();
      cold.push(
        `${target.endsWith("/image") ? "image" : "page"} ${r.status} ${(performance.now() - t0).toFixed(0)} ms (${r.headers.get("content-type")}, ${r.headers.get("content-encoding") ?? "not"} encoded)`,
      );
    }
    console.log(`share link's first reads (cold cache, before the saves): ${cold.join(", ")}`);

    const readers = new Worker(new URL("./share-readers.mjs", import.meta.url), {
      workerData: { base: shareBase, slug, connections: SHARE_CONNECTIONS },
    });
    const readings = new Promise<{ ms: number[]; tally: Tally; seconds: number }>((resolve, reject) => {
      readers.once("message", resolve);
      readers.once("error", reject);
    });
    const saves = await Promise.all(
      drafts.map(async (d) => ({
        d,
        r: await save(base, learners[d.learner]!.jar!, saveId, d.upload.uploadId!, `Load ${d.file}`),
      })),
    );
    readers.postMessage("stop");
    const { ms: shareMs, tally: shareTally, seconds: shareSeconds } = await readings;
    await readers.terminate();
    m.shareP99 = percentile(
      [...shareMs].sort((a, b) => a - b),
      99,
    );
    m.shareRps = shareMs.length / shareSeconds;
    const saveTally: Tally = {};
    for (const s of saves) bump(saveTally, `${s.r.status} ${s.r.outcome}`);
    o.saved = saveTally;
    console.log(
      `save (${saves.length} at once): ${stats(saves.map((s) => s.r.ms))}; answers ${JSON.stringify(saveTally)}; response ${Math.round(saves.reduce((n, s) => n + s.r.bytes, 0) / saves.length)} bytes on average (unzipped)`,
    );
    console.log(
      `share reads during the saves: ${shareMs.length} in ${shareSeconds.toFixed(1)} s (${(shareMs.length / shareSeconds).toFixed(0)} req/s), ${stats(shareMs)}; ${JSON.stringify(shareTally)}`,
    );
    check(
      saves.every((s) => s.r.status < 500),
      "no 5xx on save",
    );
    check(
      Object.keys(shareTally).every((k) => /^(page|image) 200$|^unknown 404$/.test(k)),
      "share reads: page and image 200, unknown slugs 404, nothing else",
    );

    // 6. count rows against responses
    const savedBy = new Map<string, number>();
    for (const s of [{ d: first, r: firstSave }, ...saves]) {
      if (s.r.outcome === "saved")
        savedBy.set(learners[s.d.learner]!.id, (savedBy.get(learners[s.d.learner]!.id) ?? 0) + 1);
    }
    const rows = (await h.db.execute(
      sql`select user_id, count(*)::int as n from credentials group by user_id`,
    )) as unknown as {
      rows: Array<{ user_id: string; n: number }>;
    };
    const inDb = new Map(rows.rows.map((r) => [r.user_id, Number(r.n)]));
    const mismatches = learners.filter((l) => (savedBy.get(l.id) ?? 0) !== (inDb.get(l.id) ?? 0));
    const totalSaved = [...savedBy.values()].reduce((a, b) => a + b, 0);
    const totalRows = [...inDb.values()].reduce((a, b) => a + b, 0);
    console.log(`rows: ${totalRows} credentials for ${totalSaved} "saved" answers`);
    o.rows = totalRows;
    check(
      mismatches.length === 0 && totalRows === totalSaved,
      "every saved answer is exactly one credential of that learner (nothing lost, nothing extra)",
    );
    const dup = (await h.db.execute(
      sql`select count(*)::int as n from (select user_id, file_sha256 from credentials where file_sha256 is not null group by 1, 2 having count(*) > 1) d`,
    )) as unknown as { rows: Array<{ n: number }> };
    check(Number(dup.rows[0]!.n) === 0, "no credential duplicated");
    const files2 = (await h.db.execute(sql`select count(*)::int as n from credential_files`)) as unknown as {
      rows: Array<{ n: number }>;
    };
    check(Number(files2.rows[0]!.n) === totalRows, `one stored file per credential (${files2.rows[0]!.n})`);
    const left = (await h.db.execute(sql`select count(*)::int as n from credential_uploads`)) as unknown as {
      rows: Array<{ n: number }>;
    };
    const unsaved = staged.filter((s) => s.upload.uploadId).length + burstStaged - totalSaved; // a duplicate keeps its draft
    check(
      Number(left.rows[0]!.n) === unsaved,
      `staging rows left = drafts not saved (${left.rows[0]!.n} = ${unsaved})`,
    );
  } finally {
    await stopNextServer(child);
    await stopNextServer(shareChild);
    await h?.close();
    // 7. the pool really ran: the server found its worker code and the heavy steps completed on its threads
    if (logFile && fs.existsSync(logFile)) {
      const { started, completed, onRequestThread } = poolLog(fs.readFileSync(logFile, "utf8"));
      console.log(
        `server: ${started ?? "(no worker pool line)"}; completed on threads: ${JSON.stringify(completed ?? null)}; on the request thread: ${JSON.stringify(onRequestThread ?? null)}`,
      );
      if (threads > 0) {
        check(/^worker pool: .*, bundle /.test(started ?? ""), "the server runs the worker pool from the built bundle");
        check(
          (completed?.argon2Verify ?? 0) >= o.signedIn && (completed?.verify ?? 0) > 0,
          `password hashes (one per sign-in) and verifications ran on worker threads`,
        );
        check(
          !!onRequestThread && Object.keys(onRequestThread).length === 0,
          "no pool task fell back to the request thread",
        );
      } else check(/^worker pool off/.test(started ?? ""), "the baseline server runs without a pool");
    }
    const a = new Client({ connectionString: baseUrl });
    await a.connect();
    await a.query(`drop database if exists ${dbName} with (force)`);
    await a.end();
    if (clusterDir) spawnSync(path.join(repoRoot, "scripts/pg-test-cluster.sh"), ["stop", clusterDir]);
  }
  return { m, o, failed };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
