// npm start (scripts/start.ts) runs next-server through superviseChild: a server
// killed by a signal must make npm start exit non-zero, not 0.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { exitStatusOf } from "@/scripts/supervise";

function superviseRun(childScript: string) {
  const parent =
    `import("${path.resolve("scripts/supervise.ts")}").then((m) => ` +
    `m.superviseChild(process.execPath, ["-e", ${JSON.stringify(childScript)}], { stdio: "inherit" }))`;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", parent], { encoding: "utf8", timeout: 30_000 });
}

describe("npm start's child supervision", () => {
  it("exits 137 when the server is killed by SIGKILL (e.g. the OOM killer)", () => {
    const r = superviseRun("process.kill(process.pid, 'SIGKILL')");
    expect(r.signal).toBeNull();
    expect(r.status).toBe(137);
    expect(r.stderr).toContain("killed by SIGKILL");
  });

  it("exits 143 when the server dies from SIGTERM, and passes exit codes through", () => {
    expect(superviseRun("process.kill(process.pid, 'SIGTERM')").status).toBe(143);
    expect(superviseRun("process.exit(3)").status).toBe(3);
    expect(superviseRun("process.exit(0)").status).toBe(0);
  });

  it("maps (code, signal) like a shell", () => {
    expect(exitStatusOf(0, null)).toBe(0);
    expect(exitStatusOf(null, "SIGSEGV")).toBe(139);
    expect(exitStatusOf(null, null)).toBe(1);
  });
});
