// server/config.ts: every environment variable parsed once, with defaults, bounds and
// one start-up error that names each bad variable and what it allows.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runSash } from "../support/cli";
import { config, ConfigError, databaseOf, parseConfig, type Env } from "@/server/config";
import { uploadLimits } from "@/server/wallet/inflight";
import { walletQuota } from "@/server/wallet/quota";
import { reverifyIntervalHours } from "@/server/reverify/reverify";

function problemsOf(env: Env): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe("CONFIG_INVALID");
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("gives every default for an empty environment", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      SASH_DATA_DIR: "./.data",
      SASH_DB_POOL_MAX: 10,
      SASH_MAX_CREDENTIALS: 1000,
      SASH_MAX_STORAGE_MB: 200,
      SASH_MAX_UPLOADS_PER_LEARNER: 3,
      SASH_MAX_UPLOADS_IN_FLIGHT: 16,
      SASH_UPLOAD_SWEEP_MINUTES: 10,
      SASH_RATE_LIMIT_EMAIL: 10,
      SASH_RATE_LIMIT_IP: 100,
      SASH_RATE_LIMIT_SIGNUP: 20,
      SASH_TRUSTED_PROXY_HOPS: 0,
      SASH_ALLOW_FETCH_HOSTS: [],
      SASH_SEED: true,
      SASH_REVERIFY: true,
      SASH_REVERIFY_HOURS: 24,
      SASH_FIT_INDEX_WARM: true,
      SASH_SKIP_BUILD: false,
      SASH_DEBUG_DB_QUERIES: false,
      SASH_DIST_DIR: ".next",
      AUTH_OIDC_NAME: "your institution",
      VERCEL: false,
    });
    expect(c.NEXTAUTH_URL).toBeUndefined();
    expect(c.SASH_DEMO).toBeUndefined();
  });

  it("parses numbers, flags and lists; an empty value counts as unset", () => {
    const c = parseConfig({
      PORT: "8080",
      SASH_DB_POOL_MAX: " 25 ",
      SASH_MAX_STORAGE_MB: "0.5",
      SASH_SEED: "0",
      SASH_DEMO: "1",
      SASH_ALLOW_FETCH_HOSTS: " A.example:8443,,127.0.0.1:80 ",
      SASH_ISSUER_REGISTRIES: "https://a.example/r.json, https://a.example/r.json",
      DATABASE_URL: "",
    });
    expect(c).toMatchObject({ PORT: 8080, SASH_DB_POOL_MAX: 25, SASH_MAX_STORAGE_MB: 0.5, SASH_SEED: false });
    expect(c.SASH_DEMO).toBe(true);
    expect(c.SASH_ALLOW_FETCH_HOSTS).toEqual(["a.example:8443", "127.0.0.1:80"]);
    expect(c.SASH_ISSUER_REGISTRIES).toEqual(["https://a.example/r.json"]);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["abc", "a whole number from 1 to 1000"],
    ["0", "a whole number from 1 to 1000"],
    ["1001", "a whole number from 1 to 1000"],
    ["2.5", "a whole number from 1 to 1000"],
    ["-3", "a whole number from 1 to 1000"],
  ])("SASH_DB_POOL_MAX=%s is refused, naming the variable and the allowed values", (value, allowed) => {
    expect(problemsOf({ SASH_DB_POOL_MAX: value })).toEqual([
      `SASH_DB_POOL_MAX=${JSON.stringify(value)} must be ${allowed}`,
    ]);
  });

  it("names every bad variable at once, and the message says what each allows", () => {
    const problems = problemsOf({
      SASH_SEED: "yes",
      SASH_MAX_STORAGE_MB: "-1",
      NEXTAUTH_URL: "sash.example.org",
      SASH_ALLOW_FETCH_HOSTS: "no-port.example",
      PORT: "70000",
    });
    expect(problems).toEqual([
      'PORT="70000" must be a whole number from 1 to 65535',
      'NEXTAUTH_URL="sash.example.org" must be an http:// or https:// URL',
      'SASH_SEED="yes" must be 0 (off) or 1 (on)',
      'SASH_MAX_STORAGE_MB="-1" must be a number greater than 0 and at most 10000000',
      'SASH_ALLOW_FETCH_HOSTS="no-port.example" must be comma-separated host:port pairs, e.g. 127.0.0.1:8080,issuer.campus:443',
    ]);
  });

  it("never repeats a secret or a URL with a password in the error", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://root:hunter2@db/sash", SMTP_URL: "http://u:hunter2@mail" });
    expect(problems).toEqual([
      "DATABASE_URL=(value hidden) must be a postgres://user:password@host:5432/database URL",
      "SMTP_URL=(value hidden) must be an smtp:// or smtps:// URL",
    ]);
    expect(problems.join(" ")).not.toContain("hunter2");
  });
});

describe("the services read their values from the one configuration", () => {
  it("upload, quota and re-check settings follow it, and refuse a bad value instead of ignoring it", () => {
    expect(uploadLimits({ SASH_MAX_UPLOADS_PER_LEARNER: "1", SASH_MAX_UPLOADS_IN_FLIGHT: "4" })).toEqual({
      perLearner: 1,
      perServer: 4,
    });
    expect(walletQuota({ SASH_MAX_CREDENTIALS: "3" }).maxCredentials).toBe(3);
    expect(reverifyIntervalHours({ SASH_REVERIFY_HOURS: "6" })).toBe(6);
    expect(() => uploadLimits({ SASH_MAX_UPLOADS_IN_FLIGHT: "x" })).toThrow(/SASH_MAX_UPLOADS_IN_FLIGHT="x" must be/);
    expect(() => walletQuota({ SASH_MAX_CREDENTIALS: "nonsense" })).toThrow(/SASH_MAX_CREDENTIALS/);
  });

  it("the database db/client.ts opens is the configured one (db/ reads no environment)", () => {
    expect(databaseOf(parseConfig({ SASH_DATA_DIR: "/srv/sash", SASH_DB_POOL_MAX: "4" }))).toEqual({
      dataDir: "/srv/sash",
      poolMax: 4,
      migrationsDir: undefined,
    });
    expect(databaseOf(parseConfig({ DATABASE_URL: "postgres://db/sash", SASH_MIGRATIONS_DIR: "/m" }))).toEqual({
      databaseUrl: "postgres://db/sash",
      poolMax: 10,
      migrationsDir: "/m",
    });
    expect(
      databaseOf(
        parseConfig({ VERCEL: "1", POSTGRES_URL: "postgres://p/x", POSTGRES_URL_NON_POOLING: "postgres://n/x" }),
      ),
    ).toMatchObject({ vercelMigrationsUrl: "postgres://n/x" });
  });

  it("config() follows process.env when a variable changes", () => {
    const saved = process.env.SASH_RATE_LIMIT_SIGNUP;
    try {
      process.env.SASH_RATE_LIMIT_SIGNUP = "7";
      expect(config().SASH_RATE_LIMIT_SIGNUP).toBe(7);
      expect(config()).toBe(config()); // parsed once while nothing changes
      process.env.SASH_RATE_LIMIT_SIGNUP = "8";
      expect(config().SASH_RATE_LIMIT_SIGNUP).toBe(8);
    } finally {
      if (saved === undefined) delete process.env.SASH_RATE_LIMIT_SIGNUP;
      else process.env.SASH_RATE_LIMIT_SIGNUP = saved;
    }
  });
});

describe("a bad value stops the start", () => {
  it("the CLI refuses to run with SASH_DB_POOL_MAX=abc: one CONFIG_INVALID line naming it, exit 1, no database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-config-"));
    try {
      const { code, stdout } = await runSash(["migrate"], {
        dataDir: path.join(dir, "data"),
        env: { SASH_DB_POOL_MAX: "abc" },
      });
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toEqual({
        ok: false,
        error: {
          code: "CONFIG_INVALID",
          message: 'invalid configuration: SASH_DB_POOL_MAX="abc" must be a whole number from 1 to 1000',
        },
      });
      expect(fs.existsSync(path.join(dir, "data"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
