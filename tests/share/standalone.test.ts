// The share-link server (server/share/standalone.ts, scripts/share-server.ts; issue #23 §3). Its share routes
// against a real PostgreSQL are checked in tests/instances/share.test.ts beside two `next start` processes;
// here, what it answers without reading any link, and that it refuses the embedded database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// "server-only" throws outside Next's react-server build; it is a marker, not code under test.
vi.mock("server-only", () => ({}));
const { handleShareRequest } = await import("@/server/share/standalone");

const root = path.resolve(import.meta.dirname, "../..");
const at = (p: string, init?: RequestInit) => handleShareRequest(new Request(`http://localhost:3000${p}`, init));

describe("share server routing", () => {
  it("answers 404 for anything but the share routes, and 405 for a change", async () => {
    for (const p of [
      "/",
      "/wallet",
      "/sign-in",
      "/api/auth/session",
      "/c/",
      "/c/x/y/z",
      "/c/%E0%A4%A",
      "/r/",
      "/_next/static/x.js",
    ]) {
      const r = await at(p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get("content-type"), p).toMatch(/^text\/html/);
      expect(await r.text(), p).not.toMatch(/stack|Error:/);
    }
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const r = await at("/c/AAAAAAAAAAAAAAAAAAAAAA", { method });
      expect([r.status, r.headers.get("allow")], method).toEqual([405, "GET, HEAD"]);
    }
    expect((await at("/api/health", { method: "POST" })).status).toBe(405);
  });

  it("refuses to start on the embedded database, with one clear line and exit code 1", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-share-server-"));
    const env: NodeJS.ProcessEnv = { ...process.env, SASH_DATA_DIR: dir };
    delete env.DATABASE_URL;
    delete env.POSTGRES_URL;
    const out = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/share-server.ts")],
      { cwd: root, env, encoding: "utf8", timeout: 60_000 },
    );
    const written = fs.readdirSync(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^sash share server: needs PostgreSQL \(set DATABASE_URL\)/m);
    expect(written, "the data folder stays untouched").toEqual([]);
  });
});
