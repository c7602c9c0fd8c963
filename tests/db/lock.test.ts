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
    // No wall clock: each process says it is ready and spins until the "go" file appears (written once all four
    // are ready), so all four try at the same moment; a winner holds the lock until every process has answered
    // (the "done" file), so no late try can find it released.
    const go = path.join(dir, "go");
    const done = path.join(dir, "done");
    const script =
      `import("${path.resolve("db/lock.ts")}").then(async (m) => { const fs = await import("node:fs"); ` +
      `console.log("READY"); while (!fs.existsSync(${JSON.stringify(go)})) {} ` +
      `try { m.lockDataDir(${JSON.stringify(dir)}); console.log("LOCKED " + process.pid); ` +
      `while (!fs.existsSync(${JSON.stringify(done)})) await new Promise((r) => setTimeout(r, 10)); } ` +
      `catch (e) { console.log(e.name); } })`;
    const children = Array.from({ length: 4 }, () => {
      const c = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      const lines: string[] = [];
      const waiting = new Set<() => void>();
      let buf = "";
      let ended = false;
      const wake = () => waiting.forEach((f) => f());
      c.stdout.on("data", (d) => {
        const parts = (buf += String(d)).split("\n");
        buf = parts.pop()!;
        lines.push(...parts.map((l) => l.trim()).filter(Boolean));
        wake();
      });
      const closed = new Promise<void>((resolve) =>
        c.on("close", () => {
          ended = true;
          wake();
          resolve();
        }),
      );
      // Resolves once the process has printed n lines (or has ended: the assertions below then say what it printed).
      const saw = (n: number) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (lines.length < n && !ended) return;
            waiting.delete(check);
            resolve();
          };
          waiting.add(check);
          check();
        });
      return { lines, closed, saw };
    });
    await Promise.all(children.map((c) => c.saw(1))); // all READY
    fs.writeFileSync(go, "");
    await Promise.all(children.map((c) => c.saw(2))); // each has LOCKED or an error name
    fs.writeFileSync(done, "");
    await Promise.all(children.map((c) => c.closed));
    const runs = children.map((c) => c.lines.slice(1).join(" "));
    const winners = runs.filter((r) => r.startsWith("LOCKED"));
    expect(winners, runs.join(" | ")).toHaveLength(1);
    expect(runs.filter((r) => r === "DataDirLockedError")).toHaveLength(3);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
