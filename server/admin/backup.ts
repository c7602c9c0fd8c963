// Backups of the embedded database (issue #21 §5): `sash backup <file>` and `sash restore <file>`.
//
// A consistent copy while the server runs: only one process may open a PGlite data folder (db/lock.ts),
// so the CLI can't open it beside a running server. The server therefore answers on a Unix socket in
// the data folder (`admin.sock`, mode 0600: only the folder's owner can connect), and the CLI asks it
// for a copy; with no server running, the CLI opens the folder itself. Either way the copy is PGlite's
// dumpDataDir() (a gzip'd tar of the data directory) taken after a CHECKPOINT, while no transaction is
// open (PGlite's transaction lock is held), so the copy is a committed state that PostgreSQL starts
// from like after a clean shutdown.
//
// The file: the line "SASH-BACKUP 1", one JSON header line (when, the PGlite version, and the
// generated auth secret when AUTH_SECRET isn't set — it seals the learners' presentation keys), then
// the tarball. `sash restore` writes it into an EMPTY data folder only (it refuses a folder holding
// anything) and starts PostgreSQL on it once to check it opens. On PostgreSQL (DATABASE_URL) use pg_dump.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { openDatabase } from "@/server/db";
import { AppError } from "@/lib/errors";
import { config, dataDirOf, driverKindOf } from "@/server/config";

export const BACKUP_MAGIC = "SASH-BACKUP 1\n";
export const SOCKET_NAME = "admin.sock";

interface PgliteLike {
  exec: (sql: string) => Promise<unknown>;
  dumpDataDir: (compression?: "gzip" | "auto" | "none") => Promise<Blob>;
  _runExclusiveTransaction?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface BackupHeader {
  format: 1;
  createdAt: string;
  pglite: string;
  /** SASH_DATA_DIR/auth-secret, when the deployment uses the generated one. */
  authSecret?: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  via: "server" | "direct";
}

function fail(code: "BACKUP_UNSUPPORTED" | "BACKUP_INVALID" | "BACKUP_FAILED" | "RESTORE_NOT_EMPTY", message: string) {
  return new AppError(code, message);
}

/** On PostgreSQL the deployment's own tools back it up. */
export function assertEmbedded(): string {
  const c = config();
  if (driverKindOf(c) !== "pglite")
    throw fail(
      "BACKUP_UNSUPPORTED",
      "sash backup and sash restore work on the embedded database only. On PostgreSQL use pg_dump and pg_restore (see README).",
    );
  return path.resolve(dataDirOf(c));
}

function pgliteOf(handle: DbHandle): PgliteLike {
  const client = (handle.db as unknown as { $client?: PgliteLike }).$client;
  if (!client || typeof client.dumpDataDir !== "function")
    throw fail("BACKUP_UNSUPPORTED", "This database isn't the embedded one.");
  return client;
}

function pgliteVersion(): string {
  try {
    const pkg = path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
    return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The backup file's bytes from an open embedded database (the process that holds the data folder). */
export async function dumpOpenDatabase(handle: DbHandle, dataDir: string): Promise<Buffer> {
  const client = pgliteOf(handle);
  await client.exec("CHECKPOINT").catch(() => {}); // fewer WAL records to replay on restore; never required
  const dump = () => client.dumpDataDir("gzip");
  // No transaction open while the files are read (dumpDataDir itself holds the query lock).
  const blob = client._runExclusiveTransaction ? await client._runExclusiveTransaction(dump) : await dump();
  const tar = Buffer.from(await blob.arrayBuffer());
  const header: BackupHeader = { format: 1, createdAt: new Date().toISOString(), pglite: pgliteVersion() };
  const c = config();
  if (!c.AUTH_SECRET && !c.NEXTAUTH_SECRET) {
    try {
      header.authSecret = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
    } catch {
      // no generated secret yet
    }
  }
  return Buffer.concat([Buffer.from(BACKUP_MAGIC + JSON.stringify(header) + "\n"), tar]);
}

export function parseBackup(bytes: Buffer): { header: BackupHeader; tar: Buffer } {
  if (bytes.subarray(0, BACKUP_MAGIC.length).toString("latin1") !== BACKUP_MAGIC)
    throw fail("BACKUP_INVALID", "This file isn't a Sash backup (it doesn't start with SASH-BACKUP 1).");
  const end = bytes.indexOf(0x0a, BACKUP_MAGIC.length);
  if (end < 0) throw fail("BACKUP_INVALID", "This Sash backup is cut short.");
  let header: BackupHeader;
  try {
    header = JSON.parse(bytes.subarray(BACKUP_MAGIC.length, end).toString("utf8")) as BackupHeader;
  } catch {
    throw fail("BACKUP_INVALID", "This Sash backup's header can't be read.");
  }
  const tar = bytes.subarray(end + 1);
  if (header.format !== 1 || tar.length < 512) throw fail("BACKUP_INVALID", "This Sash backup is cut short.");
  return { header, tar };
}

// ---- The server's side: answer backup requests on the data folder's socket --------------------------------------

export function socketPath(dataDir: string): string {
  return path.join(dataDir, SOCKET_NAME);
}

/**
 * Starts answering `sash backup` on SASH_DATA_DIR/admin.sock (the server, which holds the data folder's lock;
 * any socket file there is a dead server's). Protocol: the client writes `{"op":"backup"}\n`; the server
 * answers one JSON line `{"ok":true,"bytes":N}` and N bytes, or `{"ok":false,"error":{code,message}}`.
 */
export function startBackupSocket(handle: DbHandle, dataDir: string): net.Server | null {
  const file = socketPath(path.resolve(dataDir));
  if (file.length > 100) {
    console.error(`sash: backups while running are off: the socket path ${file} is too long`);
    return null;
  }
  fs.rmSync(file, { force: true });
  const server = net.createServer((sock) => {
    let buf = "";
    sock.on("error", () => {});
    sock.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      if (!buf.includes("\n") || buf.length > 1000) return;
      const line = buf.slice(0, buf.indexOf("\n"));
      buf = "\u0000"; // one request per connection
      let op: unknown;
      try {
        op = (JSON.parse(line) as { op?: unknown }).op;
      } catch {
        op = null;
      }
      if (op !== "backup") {
        sock.end(JSON.stringify({ ok: false, error: { code: "USAGE", message: "unknown request" } }) + "\n");
        return;
      }
      dumpOpenDatabase(handle, dataDir).then(
        (bytes) => {
          sock.write(JSON.stringify({ ok: true, bytes: bytes.length }) + "\n");
          sock.end(bytes);
        },
        (e: unknown) => {
          console.error(`sash: backup failed: ${(e as Error).message}`);
          sock.end(
            JSON.stringify({ ok: false, error: { code: "BACKUP_FAILED", message: (e as Error).message } }) + "\n",
          );
        },
      );
    });
  });
  server.on("error", (e) => console.error(`sash: backup socket: ${e.message}`));
  server.listen(file, () => {
    try {
      fs.chmodSync(file, 0o600);
    } catch {
      // best effort; the data folder itself should be private
    }
  });
  server.unref();
  process.once("exit", () => fs.rmSync(file, { force: true }));
  return server;
}

/** Asks a running server for a backup; null when no server answers on the socket. */
export async function backupFromServer(dataDir: string, timeoutMs = 10 * 60_000): Promise<Buffer | null> {
  const file = socketPath(dataDir);
  if (!fs.existsSync(file)) return null;
  return new Promise<Buffer | null>((resolve, reject) => {
    const sock = net.createConnection(file);
    const chunks: Buffer[] = [];
    let connected = false;
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error("the server didn't answer in time")));
    sock.on("connect", () => {
      connected = true;
      sock.write(JSON.stringify({ op: "backup" }) + "\n");
    });
    sock.on("data", (c) => chunks.push(c));
    sock.on("error", (e: NodeJS.ErrnoException) => {
      if (!connected && (e.code === "ECONNREFUSED" || e.code === "ENOENT")) resolve(null);
      else reject(fail("BACKUP_FAILED", `The running server couldn't make the backup: ${e.message}`));
    });
    sock.on("end", () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(0x0a);
      let head: { ok?: boolean; bytes?: number; error?: { message?: string } };
      try {
        head = JSON.parse(all.subarray(0, nl).toString("utf8")) as typeof head;
      } catch {
        reject(fail("BACKUP_FAILED", "The running server's answer couldn't be read."));
        return;
      }
      if (!head.ok) {
        reject(
          fail("BACKUP_FAILED", `The running server couldn't make the backup: ${head.error?.message ?? "unknown"}`),
        );
        return;
      }
      const body = all.subarray(nl + 1);
      if (body.length !== head.bytes) {
        reject(fail("BACKUP_FAILED", "The running server's backup arrived incomplete."));
        return;
      }
      resolve(body);
    });
  });
}

function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** `sash backup <file>`: through the running server, else directly on the data folder. */
export async function backupTo(file: string): Promise<BackupSummary> {
  const dataDir = assertEmbedded();
  const target = path.resolve(file);
  if (target.startsWith(dataDir + path.sep))
    throw fail("BACKUP_FAILED", "Write the backup outside the data folder it copies.");
  const viaServer = await backupFromServer(dataDir);
  if (viaServer) {
    parseBackup(viaServer);
    writeAtomically(target, viaServer);
    return { file: target, bytes: viaServer.length, via: "server" };
  }
  if (!fs.existsSync(path.join(dataDir, "pgdata")))
    throw fail("BACKUP_FAILED", `There is no embedded database in ${dataDir} to back up.`);
  const { handle } = await openDatabase(); // the configured embedded database (migrated, never seeded)
  try {
    const bytes = await dumpOpenDatabase(handle, dataDir);
    writeAtomically(target, bytes);
    return { file: target, bytes: bytes.length, via: "direct" };
  } finally {
    await handle.close();
  }
}

/** `sash restore <file>`: into an empty (or missing) data folder only; the database is opened once to check it. */
export async function restoreFrom(file: string): Promise<{ dataDir: string; authSecret: boolean }> {
  const dataDir = assertEmbedded();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new AppError("FILE_NOT_READABLE", `Cannot read ${file}: ${(e as Error).message}`);
  }
  const { header, tar } = parseBackup(bytes);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw fail(
      "RESTORE_NOT_EMPTY",
      `The data folder ${dataDir} isn't empty. Restore into an empty folder (set SASH_DATA_DIR to a new one); Sash never overwrites a database.`,
    );
  fs.mkdirSync(dataDir, { recursive: true });
  const { lockDataDir } = await import("@/db/lock");
  const release = lockDataDir(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = new PGlite(path.join(dataDir, "pgdata"), { loadDataDir: new Blob([new Uint8Array(tar)]) });
    await pg.waitReady;
    await pg.query("select 1");
    await pg.close();
    if (header.authSecret && !fs.existsSync(path.join(dataDir, "auth-secret")))
      fs.writeFileSync(path.join(dataDir, "auth-secret"), header.authSecret, { mode: 0o600, flag: "wx" });
  } catch (e) {
    release();
    if (e instanceof AppError) throw e;
    throw fail("BACKUP_INVALID", `This backup couldn't be restored: ${(e as Error).message}`);
  }
  release();
  return { dataDir, authSecret: !!header.authSecret };
}
