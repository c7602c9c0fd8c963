// One way to run `next start` from tests and benches: a free loopback port, its
// own process group (so stopping it takes next-server along), output to a log
// file, and a readiness probe. Used by the browser tests, the two-instance test
// and test:load. ensureBuild: the one production build they all start from.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { needsBuild, runBuild } from "../../scripts/build-state";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The dist folder `next start` serves in tests (SASH_DIST_DIR, default .next). */
export function distDir(): string {
  return process.env.SASH_DIST_DIR || ".next";
}

/**
 * Makes sure the production build in `dist` is there and current before a test starts
 * `next start` on it: builds when it is missing or older than the sources
 * (scripts/build-state.ts), or always with `force` (E2E_BUILD=1).
 * With SASH_PREBUILT=1 (.ci/run, after its one `next build`) it never builds: every
 * browser and instance test reuses that build, and a missing one is an error.
 */
export function ensureBuild(dist = distDir(), force = false): void {
  const hasBuild = fs.existsSync(path.resolve(repoRoot, dist, "BUILD_ID"));
  if (process.env.SASH_PREBUILT === "1") {
    if (!hasBuild) throw new Error(`SASH_PREBUILT=1 but there is no build in ${dist} (run next build first)`);
    return;
  }
  if ((force || needsBuild(dist)) && !runBuild(dist)) throw new Error("next build failed");
}

/** A port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface NextServerOptions {
  /** Added to process.env (telemetry is always off); given the server's URL (e.g. for NEXTAUTH_URL). */
  env: (url: string) => Record<string, string | undefined>;
  /** Where stdout and stderr go. */
  logFile: string;
  /** Append to the log instead of starting it afresh (a restart). */
  appendLog?: boolean;
  port?: number;
  /** Path probed until it answers `readyStatus` (default: any status below 500). */
  readyPath: string;
  readyStatus?: number;
  timeoutMs?: number;
  /** "share": the share-link server (`npm run start:share`, server/share/standalone.ts) instead of `next start`. */
  command?: "next" | "share";
}

export interface NextServer {
  url: string;
  port: number;
  child: ChildProcess;
}

export async function startNextServer(opts: NextServerOptions): Promise<NextServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, opts.appendLog ? "a" : "w");
  const share = opts.command === "share";
  const child = spawn(
    process.execPath,
    share
      ? ["--conditions=react-server", "--import", "tsx", path.join(repoRoot, "scripts/share-server.ts")]
      : [path.join(repoRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        ...opts.env(url),
        ...(share ? { SASH_SHARE_PORT: String(port) } : {}),
      },
    },
  );
  fs.closeSync(log);
  const until = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `${share ? "the share server" : "next start"} exited with ${child.exitCode} (see ${opts.logFile})`,
      );
    try {
      const r = await fetch(url + opts.readyPath);
      await r.arrayBuffer();
      if (opts.readyStatus === undefined ? r.status < 500 : r.status === opts.readyStatus) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`next start at ${url} did not become ready (see ${opts.logFile})`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, child };
}

/** SIGTERM to the whole process group, SIGKILL after `graceMs` if it is still there. */
export async function stopNextServer(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // gone
  }
  const t = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(t);
}
