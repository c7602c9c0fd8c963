// One process per embedded data folder: PGlite has no lock of its own, and two
// processes on one folder silently lose committed rows (STACK-NOTES trap 3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors";

export class DataDirLockedError extends AppError {
  declare readonly code: "DATA_DIR_LOCKED";
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string; command: string; since: string },
  ) {
    super(
      "DATA_DIR_LOCKED",
      `Sash's data folder ${dataDir} is in use by another process (pid ${holder.pid}, "${holder.command}", since ${holder.since}). ` +
        `Stop that process first, or point SASH_DATA_DIR at another folder.`,
    );
    this.name = "DataDirLockedError";
  }
}

/** Whether `pid` names a live process on this host (EPERM: alive, owned by someone else). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // not provably dead
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

export class DataDirLockUnreadableError extends AppError {
  declare readonly code: "DATA_DIR_LOCK_UNREADABLE";
  constructor(readonly file: string) {
    super(
      "DATA_DIR_LOCK_UNREADABLE",
      `Sash's lock file ${file} exists but can't be read, so Sash can't tell whether another process is using the folder. ` +
        `If no Sash server or command is running, delete that file and start again.`,
    );
    this.name = "DataDirLockUnreadableError";
  }
}

type Holder = { pid: number; host: string; command: string; since: string };

function readHolder(file: string): Holder | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unreadable";
  }
  try {
    const h = JSON.parse(text) as Holder;
    return h && typeof h.pid === "number" && typeof h.host === "string" ? h : "unreadable";
  } catch {
    return "unreadable";
  }
}

/**
 * Publishes `content` at `file` only if no file is there, in one step: the content is
 * written to a private temp file first and then hard-linked into place (link fails
 * with EEXIST atomically), so a reader never sees an empty or half-written lock.
 */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, content, { flag: "wx", mode: 0o644 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const held = new Map<string, () => void>();

/**
 * Takes an exclusive lock file in dataDir; returns a release function. Re-entrant within one process.
 * A lock is taken over only when its holder is provably dead (same host, PID gone); an unreadable
 * lock is never deleted (the error says what to check).
 */
export function lockDataDir(dataDir: string): () => void {
  const existing = held.get(dataDir);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "sash.lock");
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv
      .slice(1, 3)
      .map((a) => path.basename(a))
      .join(" "),
    since: new Date().toISOString(),
  };
  const content = JSON.stringify(me);
  // Bounded: a takeover in progress elsewhere is waited for in short sleeps (about 4 s at most).
  for (let attempt = 0; attempt < 200; attempt++) {
    if (createExclusive(file, content)) {
      const release = () => {
        held.delete(dataDir);
        const cur = readHolder(file);
        if (typeof cur === "object" && cur.pid === process.pid && cur.host === me.host)
          fs.rmSync(file, { force: true });
      };
      held.set(dataDir, release);
      process.once("exit", release);
      return release;
    }
    const holder = readHolder(file);
    if (holder === "missing") continue; // released meanwhile: try again
    if (holder === "unreadable") throw new DataDirLockUnreadableError(file);
    if (holder.host !== os.hostname() || alive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
    if (!takeOverStale(file, holder)) pause(20);
  }
  throw new Error(`Could not lock ${dataDir}: the lock file kept changing. Is another Sash process starting?`);
}

/**
 * Removes a lock whose holder is dead. Several processes may find the same stale lock at
 * once, so the removal happens under a second exclusive file, and only if the lock still
 * names the same dead holder; the winner then races like everyone else for a fresh lock.
 */
function takeOverStale(file: string, stale: Holder): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, JSON.stringify({ pid: process.pid, host: os.hostname() }))) {
    const g = readHolder(guard);
    // A guard left by a process that died mid-takeover is itself stale.
    if (typeof g === "object" && g.host === os.hostname() && !alive(g.pid)) {
      fs.rmSync(guard, { force: true });
      return true;
    }
    return false; // another process is taking over right now
  }
  try {
    const now = readHolder(file);
    if (typeof now === "object" && now.pid === stale.pid && now.host === stale.host && now.since === stale.since)
      fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
  return true;
}

/** Sleeps synchronously (the lock is taken before anything else runs). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
