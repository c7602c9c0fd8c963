// The app's public origin comes from configuration only (issue #19 §3): a sign-up or an
// added address whose request carries a forged Host and X-Forwarded-Host still gets a
// confirmation mail whose link points at the configured origin. Runs the real sign-up
// and account services on a real PGlite database, inside the request scope Next.js gives
// a server action (its own AsyncLocalStorage, with the forged headers), and reads the
// real .eml the mail service writes to the outbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AsyncLocalStorage } from "node:async_hooks";
import { simpleParser } from "mailparser";
import { publicOriginOf, parseConfig } from "@/server/config";

// "server-only" throws outside Next's react-server build; it is a marker, not code under test.
vi.mock("server-only", () => ({}));

const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
const saved = { ...process.env };
let dir: string;

// Next.js's server sets this before loading its request storage (next/dist/server/node-environment).
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external");
const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external");

/** Runs `fn` as Next.js runs a server action: in a request scope whose headers() are `headers`. */
function inRequest<T>(headers: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const work = { route: "/sign-up", forceStatic: false } as never;
  const unit = { type: "request", phase: "action", headers: new Headers(headers) } as never;
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, fn));
}

async function lastMailText(): Promise<string> {
  const outbox = path.join(dir, "outbox");
  const files = readdirSync(outbox).sort((a, b) => a.localeCompare(b));
  expect(files.length).toBeGreaterThan(0);
  const text = (await simpleParser(readFileSync(path.join(outbox, files.at(-1)!)))).text ?? "";
  rmSync(outbox, { recursive: true, force: true });
  return text;
}

function linkIn(text: string): string {
  const m = /(https?:\/\/[^\s/]+)\/account\/verify\?token=/.exec(text);
  if (!m) throw new Error(`no confirmation link in: ${text}`);
  return m[1]!;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "sash-origin-"));
  for (const k of ["DATABASE_URL", "POSTGRES_URL", "VERCEL", "SMTP_URL", "NEXTAUTH_URL", "PORT"]) delete process.env[k];
  process.env.SASH_DATA_DIR = dir;
  process.env.SASH_SEED = "0";
});

beforeEach(() => {
  for (const k of ["NEXTAUTH_URL", "PORT", "VERCEL", "VERCEL_ENV", "VERCEL_URL", "VERCEL_PROJECT_PRODUCTION_URL"])
    delete process.env[k];
});

afterAll(async () => {
  const g = globalThis as unknown as { __sashDb?: Promise<{ close: () => Promise<void> }> };
  await (await g.__sashDb)?.close();
  g.__sashDb = undefined;
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe("confirmation mail links use the configured public origin, never the request's Host", () => {
  it("sign-up without NEXTAUTH_URL: the link is http://localhost:$PORT, not the forged host", async () => {
    process.env.PORT = "4321";
    const { signUp } = await import("@/server/auth/sign-up");
    const out = await inRequest(FORGED, () =>
      signUp({ name: "Ada", email: "ada@example.org", password: "correct horse battery" }),
    );
    expect(out).toEqual({ ok: true, email: "ada@example.org" });
    expect(linkIn(await lastMailText())).toBe("http://localhost:4321");
  });

  it("sign-up with NEXTAUTH_URL: the link is on NEXTAUTH_URL", async () => {
    process.env.NEXTAUTH_URL = "https://wallet.example.edu/";
    const { signUp } = await import("@/server/auth/sign-up");
    await inRequest(FORGED, () => signUp({ name: "Bo", email: "bo@example.org", password: "correct horse battery" }));
    expect(linkIn(await lastMailText())).toBe("https://wallet.example.edu");
  });

  it("adding an address on Vercel without NEXTAUTH_URL: the link is on the project's production host", async () => {
    Object.assign(process.env, {
      VERCEL: "1",
      VERCEL_ENV: "production",
      VERCEL_URL: "sash-git-abc.vercel.app",
      VERCEL_PROJECT_PRODUCTION_URL: "sash.example.org",
    });
    const { accountContext } = await import("@/server/account/context");
    const { addEmail } = await import("@/server/account/addresses");
    const { getDb } = await import("@/server/db");
    const { findUserByEmail } = await import("@/db/queries/users");
    const user = (await findUserByEmail(await getDb(), "ada@example.org"))!;
    await inRequest(FORGED, async () => {
      const ctx = await accountContext({ id: user.id, name: user.name ?? "Ada", email: user.email });
      await addEmail(ctx, "ada.work@example.org");
    });
    expect(linkIn(await lastMailText())).toBe("https://sash.example.org");
  });
});

describe("publicOriginOf: configuration only", () => {
  it.each([
    [{}, "http://localhost:3000"],
    [{ PORT: "8080" }, "http://localhost:8080"],
    [{ NEXTAUTH_URL: "https://a.example/base/path", VERCEL: "1", VERCEL_URL: "b.vercel.app" }, "https://a.example"],
    [{ VERCEL: "1", VERCEL_URL: "sash-git-x.vercel.app" }, "https://sash-git-x.vercel.app"],
    [
      { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: "p.vercel.app", VERCEL_PROJECT_PRODUCTION_URL: "sash.org" },
      "https://p.vercel.app",
    ],
    [{ VERCEL_URL: "ignored.vercel.app" }, "http://localhost:3000"],
  ])("%j → %s", (env, origin) => {
    expect(publicOriginOf(parseConfig(env))).toBe(origin);
  });
});
