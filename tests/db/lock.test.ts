import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { DataDirLockedError, DataDirLockUnreadableError, lockDataDir } from "@/db/lock";

describe("embedded data folder lock", () => {
  it("refuses a second process and names the holder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    const release = lockDataDir(dir);
    try {
      const other = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import("${path.resolve("db/lock.ts")}").then(m => { try { m.lockDataDir(${JSON.stringify(dir)}); console.log("LOCKED"); } catch (e) { console.log(e.name + ": " + e.message); } })`,
        ],
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
    fs.writeFileSync(
      path.join(dir, "sash.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: "old", since: "x" }),
    );
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "sash.lock"), "utf8")).pid).toBe(process.pid);
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exposes the holder on the error", () => {
    const err = new DataDirLockedError("/x", { pid: 1, host: "h", command: "next start", since: "now" });
    expect(err.message).toContain("next start");
  });

  it("never deletes a lock it can't read, and says so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    const file = path.join(dir, "sash.lock");
    for (const content of ["", '{"pid": 4']) {
      fs.writeFileSync(file, content);
      expect(() => lockDataDir(dir)).toThrow(DataDirLockUnreadableError);
      expect(fs.readFileSync(file, "utf8")).toBe(content);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("does not take over a lock held on another host, even if the pid is unknown here", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    const holder = {
      pid: 2 ** 22 + 12345,
      host: `not-${os.hostname()}`,
      command: "next start",
      since: "2026-11-27T00:00:00Z",
    };
    fs.writeFileSync(path.join(dir, "sash.lock"), JSON.stringify(holder));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    try {
      lockDataDir(dir);
    } catch (e) {
      expect((e as Error).message).toContain(`pid ${holder.pid}`);
      expect((e as Error).message).toContain("next start");
    }
    expect(JSON.parse(fs.readFileSync(path.join(dir, "sash.lock"), "utf8"))).toEqual(holder);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lets exactly one of several processes take over a stale lock at the same moment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-lock-"));
    fs.writeFileSync(
      path.join(dir, "sash.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12346, host: os.hostname(), command: "old", since: "x" }),
    );
    const startAt = Date.now() + 4000;
    const script =
      `import("${path.resolve("db/lock.ts")}").then(async (m) => { while (Date.now() < ${startAt}) {} ` +
      `try { m.lockDataDir(${JSON.stringify(dir)}); console.log("LOCKED " + process.pid); await new Promise((r) => setTimeout(r, 1500)); } ` +
      `catch (e) { console.log(e.name); } })`;
    const runs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve) => {
            const c = spawn(process.execPath, ["--import", "tsx", "-e", script], {
              stdio: ["ignore", "pipe", "inherit"],
            });
            let out = "";
            c.stdout.on("data", (d) => (out += d));
            c.on("close", () => resolve(out.trim()));
          }),
      ),
    );
    const winners = runs.filter((r) => r.startsWith("LOCKED"));
    expect(winners, runs.join(" | ")).toHaveLength(1);
    expect(runs.filter((r) => r === "DataDirLockedError")).toHaveLength(3);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
