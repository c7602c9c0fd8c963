// `sash backup` / `sash restore` on the embedded database (issue #21 §5): a backup taken through the
// running "server" (this process holds the data folder and answers on its socket, as the app does)
// by the real CLI process, restored into an empty folder, finds every credential, file and share
// link again; restore refuses a folder that isn't empty; the direct path (no server) works too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { credentialFiles, credentials } from "@/db/schema";
import { getSharedCredential, getSharedFile } from "@/db/queries/share";
import { backupTo, restoreFrom, startBackupSocket } from "@/server/admin/backup";
import { onlyJson, runSash } from "../support/cli";
import { seedSharedCredential, type SeededShare } from "../support/share";

let dir: string;
let live: DbHandle | null = null;
let seeded: SeededShare[] = [];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-bk-"));
  for (const k of ["SASH_DATA_DIR", "DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET"]) saved[k] = process.env[k];
  delete process.env.DATABASE_URL;
  delete process.env.AUTH_SECRET;
  delete process.env.NEXTAUTH_SECRET;
  process.env.SASH_DATA_DIR = path.join(dir, "a");
  live = await openDb({ dataDir: path.join(dir, "a") });
  fs.writeFileSync(path.join(dir, "a", "auth-secret"), "generated-secret-for-test", { mode: 0o600 });
  seeded = [
    await seedSharedCredential(live.db, { email: "one@example.test" }),
    await seedSharedCredential(live.db, { email: "two@example.test" }),
  ];
}, 120_000);

afterAll(async () => {
  if (live) await live.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function snapshot(db: DbHandle["db"]) {
  const creds = await db.select().from(credentials).orderBy(credentials.id);
  const files = await db.select().from(credentialFiles).orderBy(credentialFiles.id);
  return {
    creds: creds.map((c) => ({ id: c.id, title: c.title, slug: c.shareSlug, on: c.shareEnabled, raw: c.raw })),
    files: files.map((f) => ({ id: f.id, sha: f.sha256, bytes: Buffer.from(f.bytes).toString("base64") })),
  };
}

describe("sash backup and sash restore (embedded database)", () => {
  it("backs up through the running server, restores into an empty folder, and finds everything again", async () => {
    const before = await snapshot(live!.db);
    expect(before.creds).toHaveLength(2);
    const server = startBackupSocket(live!, path.join(dir, "a"));
    expect(server).not.toBeNull();
    await new Promise((r) => setTimeout(r, 100)); // listen() is asynchronous

    // The CLI is its own process; the data folder is locked by this one, so it must go through the socket.
    const file = path.join(dir, "backup.sash");
    const run = await runSash(["backup", file], { dataDir: path.join(dir, "a") });
    const out = onlyJson(run.stdout);
    expect(out, run.stderr).toMatchObject({ ok: true, via: "server" });
    expect(run.code).toBe(0);
    expect(fs.statSync(file).size).toBe(out.bytes);
    server!.close();

    // Restoring into the folder in use is refused; into an empty one it works.
    await expect(restoreFrom(file)).rejects.toMatchObject({ code: "RESTORE_NOT_EMPTY" });
    process.env.SASH_DATA_DIR = path.join(dir, "b");
    const restored = await restoreFrom(file);
    expect(restored).toMatchObject({ authSecret: true });
    expect(fs.readFileSync(path.join(dir, "b", "auth-secret"), "utf8")).toBe("generated-secret-for-test");

    const copy = await openDb({ dataDir: path.join(dir, "b") });
    try {
      expect(await snapshot(copy.db)).toEqual(before);
      for (const s of seeded) {
        expect((await getSharedCredential(copy.db, s.slug))?.title).toBeTruthy();
        expect((await getSharedFile(copy.db, s.slug))?.bytes.length).toBeGreaterThan(0);
      }
    } finally {
      await copy.close();
    }
  }, 300_000);

  it("backs up directly when no server holds the folder, and refuses a file that isn't a backup", async () => {
    // A change after the first backup shows this copy is a new one.
    await live!.db.update(credentials).set({ title: "Renamed" }).where(eq(credentials.id, seeded[0]!.credentialId));
    await live!.close();
    live = null;
    process.env.SASH_DATA_DIR = path.join(dir, "a");
    const file = path.join(dir, "direct.sash");
    expect(await backupTo(file)).toMatchObject({ via: "direct" });
    process.env.SASH_DATA_DIR = path.join(dir, "c");
    await restoreFrom(file);
    const copy = await openDb({ dataDir: path.join(dir, "c") });
    try {
      const [row] = await copy.db.select().from(credentials).where(eq(credentials.id, seeded[0]!.credentialId));
      expect(row?.title).toBe("Renamed");
    } finally {
      await copy.close();
    }
    fs.writeFileSync(path.join(dir, "not-a-backup"), "hello");
    process.env.SASH_DATA_DIR = path.join(dir, "d");
    await expect(restoreFrom(path.join(dir, "not-a-backup"))).rejects.toMatchObject({ code: "BACKUP_INVALID" });
  }, 300_000);
});
