// The command line users run is the esbuild bundle (scripts/build-cli.mjs) started by cli/launch.cjs
// (`npm run sash`): runSash spawns that launcher, so every CLI test runs the bundle. Here: --help comes from
// the bundle and loads no command, the lazy table (cli/lazy.ts, cli/summaries.ts) lists exactly the eager
// registry's commands with their summaries, and a stale bundle is never run.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { commands } from "@/cli/registry";
import { LOADERS } from "@/cli/lazy";
import { SUMMARIES } from "@/cli/summaries";
import { CACHE_DIR, ROOT, freshBundle } from "@/scripts/build-cli.mjs";
import { onlyJson, runSash } from "../support/cli";

describe("the lazy command table", () => {
  it("names the registry's commands, in the same order, with their summaries", async () => {
    expect(Object.keys(SUMMARIES)).toEqual(Object.keys(commands));
    expect(Object.keys(LOADERS)).toEqual(Object.keys(commands));
    for (const [name, load] of Object.entries(LOADERS)) {
      const { command } = await load();
      expect(command).toBe(commands[name]);
      expect(command.summary).toBe(SUMMARIES[name as keyof typeof SUMMARIES]);
    }
  });
});

describe("the bundle", () => {
  it("answers --help through the launcher, from a fresh bundle", async () => {
    const r = await runSash(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const [name, summary] of Object.entries(SUMMARIES))
      expect(r.stdout).toContain(`  ${name.padEnd(14)} ${summary}`);
    const entry = freshBundle("--help"); // what --help loads is current (other sources may have changed since)
    expect(entry).not.toBeNull();
    expect(path.dirname(path.dirname(entry!))).toBe(CACHE_DIR);
  });

  it("runs on its own with plain node, and --help loads one file, none of the commands' modules", () => {
    const entry = freshBundle("--help")!;
    const r = spawnSync(process.execPath, [entry, "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("Usage: npm run --silent sash -- <command> [options]")).toBe(true);
    // The entry is one CommonJS file holding the help text: it requires nothing (no chunk, no package), and each
    // command, the configuration and the error printer are dynamic imports of their own files.
    const text = fs.readFileSync(entry, "utf8");
    expect(path.basename(entry)).toBe("sash.cjs");
    expect([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])).toEqual([]);
    for (const name of Object.keys(SUMMARIES)) expect(text).toContain(`import("./cmd-${name}.mjs")`);
    expect(text).toContain('import("./config.mjs")');
  });

  it("is rebuilt before it runs when an input differs from what it was built from", async () => {
    await runSash(["--help"]);
    const manifestFile = path.join(CACHE_DIR, "manifest.json");
    const before = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    // As if cli/summaries.ts had been edited since: its recorded size no longer matches the file.
    before.inputs["cli/summaries.ts"][0] += 1;
    before.builtAt = "stale";
    fs.writeFileSync(manifestFile, JSON.stringify(before));
    expect(freshBundle()).toBeNull();
    const r = await runSash(["--help"]);
    expect(r.code).toBe(0);
    const after = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    expect(after.builtAt).not.toBe("stale");
    expect(after.inputs["cli/summaries.ts"][0]).toBe(fs.statSync(path.join(ROOT, "cli/summaries.ts")).size);
    expect(freshBundle("--help")).not.toBeNull();
  });

  it("a command's own source counts: an edited cli/commands/unbake.ts is rebuilt before `unbake` runs", async () => {
    await runSash(["--help"]);
    const manifestFile = path.join(CACHE_DIR, "manifest.json");
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    m.inputs["cli/commands/unbake.ts"][1] -= 1000; // an older modification time than the file has
    m.builtAt = "stale";
    fs.writeFileSync(manifestFile, JSON.stringify(m));
    expect(freshBundle("unbake")).toBeNull();
    expect(freshBundle()).toBeNull();
    const r = await runSash(["unbake"]);
    expect(onlyJson(r.stdout).error.code).toBe("USAGE");
    expect(JSON.parse(fs.readFileSync(manifestFile, "utf8")).builtAt).not.toBe("stale");
    expect(freshBundle("unbake")).not.toBeNull();
  });

  it("an unknown command is one JSON object with its code, from the bundle", async () => {
    const r = await runSash(["no-such-command"]);
    expect(r.code).toBe(2);
    expect(onlyJson(r.stdout).error.code).toBe("UNKNOWN_COMMAND");
  });
});
