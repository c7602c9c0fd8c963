import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { DataDirLockedError, lockDataDir } from "@/db/lock";

describe("embedded data folder lock", () => {
  it("refuses a second process and names the holder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    const release = lockDataDir(dir);
    try {
      const other = spawnSync(
        process.execPath,
        ["--import", "tsx", "-e", `import("${path.resolve("db/lock.ts")}").then(m => { try { m.lockDataDir(${JSON.stringify(dir)}); console.log("LOCKED"); } catch (e) { console.log(e.name + ": " + e.message); } })`],
        { encoding: "utf8" },
      );
      expect(other.stdout).toContain("DataDirLockedError");
      expect(other.stdout).toContain(`pid ${process.pid}`);
      expect(other.stdout).not.toContain("LOCKED");
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(dir, "sash.lock"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    fs.writeFileSync(path.join(dir, "sash.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: "old", since: "x" }));
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "sash.lock"), "utf8")).pid).toBe(process.pid);
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exposes the holder on the error", () => {
    const err = new DataDirLockedError("/x", { pid: 1, host: "h", command: "next start", since: "now" });
    expect(err.message).toContain("next start");
  });
});
