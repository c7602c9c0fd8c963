// One process per embedded data folder: PGlite has no lock of its own, and two
// processes on one folder silently lose committed rows (STACK-NOTES trap 3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string; command: string; since: string },
  ) {
    super(
      `Sash's data folder ${dataDir} is in use by another process (pid ${holder.pid}, "${holder.command}", since ${holder.since}). ` +
        `Stop that process first, or point SASH_DATA_DIR at another folder.`,
    );
    this.name = "DataDirLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Map<string, () => void>();

/** Takes an exclusive lock file in dataDir; returns a release function. Re-entrant within one process. */
export function lockDataDir(dataDir: string): () => void {
  const existing = held.get(dataDir);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "sash.lock");
  const me = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(" "),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      const release = () => {
        held.delete(dataDir);
        try {
          const cur = JSON.parse(fs.readFileSync(file, "utf8"));
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      held.set(dataDir, release);
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: typeof me | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        holder = null;
      }
      // A lock left by a process that died (same host, pid gone) is stale: take it over.
      if (holder && holder.host === os.hostname() && !alive(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!holder) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new DataDirLockedError(dataDir, holder);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
