// Sash's one configuration (issue #19 §3). Every environment variable Sash reads is
// parsed here, once, with its default, its bounds and the sentence a deployer reads
// when a value is wrong; everything else asks `config()` (server/, cli/, scripts/,
// instrumentation.ts, proxy.ts) or receives the value as a parameter (db/, lib/).
// README's Configuration table documents every key of the schema
// (tests/config/documented.test.ts fails when one is missing).
//
// A bad value stops the process at start with one ConfigError naming each bad
// variable and the values it allows (`sash: configuration: SASH_DB_POOL_MAX="abc"
// must be a whole number from 1 to 1000`). An empty value counts as unset.
import path from "node:path";
import { z } from "zod";
import type { OpenOptions } from "@/db/client";
import { AppError } from "@/lib/errors";
import { parseAllowHosts } from "@/lib/net/fetcher";
import { registryUrlsFromEnv } from "@/lib/badges/verify/registries";

/** Environment variables as given (process.env, or a plain object in tests). */
export type Env = Record<string, string | undefined>;

export class ConfigError extends AppError {
  /** One line per bad variable: `NAME="value" must be …`. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super("CONFIG_INVALID", `invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

interface Spec<T> {
  /** What the variable allows, as the error sentence ends: "must be …". */
  allowed: string;
  /** The parsed value, or undefined when `raw` isn't allowed. */
  parse: (raw: string) => T | undefined;
  /** Secrets and credentials in URLs are never repeated in the error. */
  secret?: boolean;
}

function variable<T, D extends T | undefined>(spec: Spec<T>, fallback: D) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | D => {
      const v = raw?.trim();
      if (v === undefined || v === "") return fallback;
      const parsed = spec.parse(v);
      if (parsed !== undefined) return parsed;
      ctx.addIssue({ code: "custom", message: spec.allowed, params: { shown: spec.secret ? "(hidden)" : raw } });
      return z.NEVER;
    });
}

const wholeNumber = (min: number, max: number): Spec<number> => ({
  allowed: `a whole number from ${min} to ${max}`,
  parse: (v) => {
    const n = Number(v);
    return /^\d+$/.test(v) && n >= min && n <= max ? n : undefined;
  },
});

const positiveNumber = (max: number): Spec<number> => ({
  allowed: `a number greater than 0 and at most ${max}`,
  parse: (v) => {
    const n = Number(v);
    return /^\d*\.?\d+(e-?\d+)?$/i.test(v) && n > 0 && n <= max ? n : undefined;
  },
});

/** 0 (off) or 1 (on). */
const flag: Spec<boolean> = {
  allowed: "0 (off) or 1 (on)",
  parse: (v) => (v === "1" ? true : v === "0" ? false : undefined),
};

const text: Spec<string> = { allowed: "text", parse: (v) => v };
const secretText: Spec<string> = { ...text, secret: true };

function urlWith(protocols: string[], what: string, secret = false): Spec<string> {
  return {
    allowed: what,
    secret,
    parse: (v) => {
      try {
        return protocols.includes(new URL(v).protocol) ? v : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

const httpUrl = urlWith(["http:", "https:"], "an http:// or https:// URL");
const postgresUrl = urlWith(["postgres:", "postgresql:"], "a postgres://user:password@host:5432/database URL", true);

/** A bare host name with an optional port, as Vercel sets VERCEL_URL ("sash-abc.vercel.app"). */
const hostName: Spec<string> = {
  allowed: "a host name without scheme, e.g. sash.example.org",
  parse: (v) => (/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v) ? v.toLowerCase() : undefined),
};

/** Set by a platform: any non-empty value means "yes" (Vercel sets VERCEL=1). */
const present: Spec<boolean> = { allowed: "any value", parse: () => true };

/** Issue #20: registries are http(s) URLs or local file paths (a deployer's own trust list). */
const registryList: Spec<string[]> = {
  allowed: "comma-separated http:// or https:// URLs or local file paths",
  parse: (v) =>
    v.split(",").every((s) => s.trim() === "" || /^https?:\/\/\S+$/i.test(s.trim()) || !s.includes("://"))
      ? registryUrlsFromEnv(v)
      : undefined,
};

/** Comma-separated email addresses, lower-cased (SASH_ADMIN_EMAILS). */
const emailList: Spec<string[]> = {
  allowed: "comma-separated email addresses, e.g. ops@school.edu,dean@school.edu",
  parse: (v) => {
    const list = v
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    return list.every((e) => /^[^\s@,]+@[^\s@,]+$/.test(e)) ? list : undefined;
  },
};

const hostPortList: Spec<string[]> = {
  allowed: "comma-separated host:port pairs, e.g. 127.0.0.1:8080,issuer.campus:443",
  parse: (v) => {
    const hosts = parseAllowHosts(v);
    return hosts.every((h) => /^([a-z0-9.-]+|\[[0-9a-f:.]+\]):\d{1,5}$/.test(h)) ? hosts : undefined;
  },
};

/** Every variable Sash reads, by its name. README's Configuration table documents each key. */
export const configSchema = z.object({
  // Where Sash listens and how it is reached.
  PORT: variable(wholeNumber(1, 65535), 3000),
  /** `npm run start:share`: the share-link server's port (server/share/standalone.ts). */
  SASH_SHARE_PORT: variable(wholeNumber(1, 65535), 3001),
  NEXTAUTH_URL: variable(httpUrl, undefined),
  VERCEL: variable(present, false),
  VERCEL_ENV: variable(
    {
      allowed: "production, preview or development",
      parse: (v) => (v === "production" || v === "preview" || v === "development" ? v : undefined),
    },
    undefined,
  ),
  VERCEL_URL: variable(hostName, undefined),
  VERCEL_PROJECT_PRODUCTION_URL: variable(hostName, undefined),
  SASH_TRUSTED_PROXY_HOPS: variable(wholeNumber(0, 16), 0),

  // The database.
  SASH_DATA_DIR: variable(text, "./.data"),
  DATABASE_URL: variable(postgresUrl, undefined),
  POSTGRES_URL: variable(postgresUrl, undefined),
  POSTGRES_URL_NON_POOLING: variable(postgresUrl, undefined),
  SASH_DB_POOL_MAX: variable(wholeNumber(1, 1000), 10),
  SASH_MIGRATIONS_DIR: variable(text, undefined),
  SASH_SEED: variable(flag, true),
  SASH_DEMO: variable(flag, undefined),
  SASH_DEBUG_DB_QUERIES: variable(flag, false),

  // Sign-in.
  AUTH_SECRET: variable(secretText, undefined),
  NEXTAUTH_SECRET: variable(secretText, undefined),
  AUTH_OIDC_ISSUER: variable(httpUrl, undefined),
  AUTH_OIDC_ID: variable(text, undefined),
  AUTH_OIDC_SECRET: variable(secretText, undefined),
  AUTH_OIDC_NAME: variable(text, "your institution"),
  SASH_RATE_LIMIT_EMAIL: variable(wholeNumber(1, 1_000_000_000), 10),
  SASH_RATE_LIMIT_IP: variable(wholeNumber(1, 1_000_000_000), 100),
  SASH_RATE_LIMIT_SIGNUP: variable(wholeNumber(1, 1_000_000_000), 20),

  // The wallet.
  SASH_MAX_CREDENTIALS: variable(wholeNumber(1, 10_000_000), 1000),
  SASH_MAX_STORAGE_MB: variable(positiveNumber(10_000_000), 200),
  SASH_MAX_UPLOADS_PER_LEARNER: variable(wholeNumber(1, 10_000), 3),
  SASH_MAX_UPLOADS_IN_FLIGHT: variable(wholeNumber(1, 100_000), 16),
  SASH_UPLOAD_SWEEP_MINUTES: variable(positiveNumber(24 * 60), 10),
  SASH_MAX_RESTORES_PER_LEARNER: variable(wholeNumber(1, 1000), 1),
  SASH_MAX_RESTORES_IN_FLIGHT: variable(wholeNumber(1, 10_000), 2),

  // Verification and the outside world.
  SASH_ISSUER_REGISTRIES: variable(registryList, undefined),
  SASH_REGISTRY_REFRESH_HOURS: variable(positiveNumber(24 * 365), 24),
  SASH_ALLOW_FETCH_HOSTS: variable(hostPortList, [] as string[]),
  SASH_REVERIFY: variable(flag, true),
  SASH_REVERIFY_HOURS: variable(positiveNumber(24 * 365), 24),
  SMTP_URL: variable(urlWith(["smtp:", "smtps:"], "an smtp:// or smtps:// URL", true), undefined),
  SMTP_FROM: variable(text, undefined),
  SASH_EXPIRY_NOTICE_DAYS: variable(wholeNumber(1, 3650), 30),

  // Operating the deployment (issue #21 §4).
  SASH_ADMIN_EMAILS: variable(emailList, [] as string[]),

  // Building and starting.
  SASH_DIST_DIR: variable(text, ".next"),
  SASH_SKIP_BUILD: variable(flag, false),
  SASH_FIT_INDEX_WARM: variable(flag, true),
  SASH_FIT_SNAPSHOT: variable(flag, true),
  // The worker pool for CPU-heavy request work (issue #23 §3, server/workers).
  SASH_WORKER_THREADS: variable(wholeNumber(0, 256), 4),
  SASH_WORKER_MEMORY_MB: variable(wholeNumber(64, 16_384), 512),

  // Set by Next.js itself, never by a deployer. (NODE_ENV and NEXT_RUNTIME are not here: Next.js
  // replaces `process.env.NODE_ENV` / `process.env.NEXT_RUNTIME` with constants when it builds, and
  // proxy.ts / instrumentation.ts rely on that to leave code out of a bundle.)
  NEXT_PHASE: variable(text, undefined),
});

export type Config = z.output<typeof configSchema>;

/** Every variable name Sash reads (the schema's keys). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof Config)[];

/** Parses `env`; throws one ConfigError naming every bad variable and what it allows. */
export function parseConfig(env: Env): Config {
  const raw: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) raw[name] = env[name];
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = (issue as { params?: { shown?: string } }).params?.shown ?? raw[name];
      const value = shown === "(hidden)" ? "(value hidden)" : JSON.stringify(shown);
      return `${name}=${value} must be ${issue.message}`;
    }),
  );
}

// Parsed once per process; parsed again only when a variable Sash reads has changed
// (tests set variables while the process runs). Kept on globalThis: Next.js may load
// this module once per bundle.
const g = globalThis as unknown as { __sashConfig?: { key: string; config: Config }; __sashConfigFrozen?: Config };

/** The process's configuration (process.env), parsed once. Throws ConfigError for a bad value. */
export function config(): Config {
  if (g.__sashConfigFrozen) return g.__sashConfigFrozen;
  const env = process.env;
  let key = "";
  for (const name of CONFIG_VARIABLES) key += `${env[name] ?? "\u0000"}\u0001`;
  if (g.__sashConfig?.key === key) return g.__sashConfig.config;
  const parsed = parseConfig(env);
  g.__sashConfig = { key, config: parsed };
  return parsed;
}

/**
 * For a process whose environment no longer changes (the share-link server, scripts/share-server.ts): from now on
 * config() answers what it reads now, without the ~70 environment reads (about 20 µs) it otherwise makes on
 * every call to notice a change.
 */
export function freezeConfig(): Config {
  g.__sashConfigFrozen = undefined;
  return (g.__sashConfigFrozen = config());
}

/** `config()` for `env` when one is given (tests pass plain objects), else the process's. */
export function configFrom(env?: Env): Config {
  return env ? parseConfig(env) : config();
}

/**
 * The app's public origin, from configuration only — never from a request's Host or
 * X-Forwarded-Host header, which a client (or an unvetted proxy) writes. Mail, share,
 * Open Graph links and the same-origin checks all use it:
 *   NEXTAUTH_URL, else on Vercel its production host (VERCEL_PROJECT_PRODUCTION_URL) for
 *   production deployments and the deployment's own host (VERCEL_URL) otherwise, else
 *   http://localhost:$PORT.
 */
export function publicOriginOf(c: Config): string {
  if (c.NEXTAUTH_URL) return new URL(c.NEXTAUTH_URL).origin;
  if (c.VERCEL) {
    const host =
      c.VERCEL_ENV === "production"
        ? (c.VERCEL_PROJECT_PRODUCTION_URL ?? c.VERCEL_URL)
        : (c.VERCEL_URL ?? c.VERCEL_PROJECT_PRODUCTION_URL);
    if (host) return `https://${host}`;
  }
  return `http://localhost:${c.PORT}`;
}

/** The driver the configuration picks (db/client.ts opens it): DATABASE_URL, Vercel Postgres, else PGlite. */
export function driverKindOf(c: Config): "postgres" | "vercel" | "pglite" {
  if (c.DATABASE_URL) return "postgres";
  if (c.VERCEL && c.POSTGRES_URL) return "vercel";
  return "pglite";
}

/** The embedded database's folder (absolute): SASH_DATA_DIR, default ./.data. */
export function dataDirOf(c: Config): string {
  return path.resolve(/*turbopackIgnore: true*/ c.SASH_DATA_DIR);
}

/** What db/client.ts openDb needs to open the configured database (it reads no environment itself). */
export function databaseOf(c: Config): OpenOptions {
  const kind = driverKindOf(c);
  const common = { poolMax: c.SASH_DB_POOL_MAX, migrationsDir: c.SASH_MIGRATIONS_DIR };
  if (kind === "postgres") return { ...common, databaseUrl: c.DATABASE_URL };
  if (kind === "vercel") return { ...common, vercelMigrationsUrl: c.POSTGRES_URL_NON_POOLING ?? c.POSTGRES_URL };
  return { ...common, dataDir: dataDirOf(c) };
}
