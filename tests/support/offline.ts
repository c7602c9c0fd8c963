// Blocks outbound connections of the test process. Two uses:
// - the whole unit suite (vitest.config.ts setupFiles: tests/support/offline-suite.ts)
//   runs with `blockNetwork({ allowLoopback: true })`: connections and DNS lookups are
//   allowed only for loopback (127.0.0.0/8, ::1, localhost), so tests keep their own
//   HTTP servers and the throwaway PostgreSQL on 127.0.0.1, and nothing reaches the
//   internet by accident;
// - a test that claims "no network request at all" (tests/share/og.test.ts) adds
//   `blockNetwork()` on top, which also refuses loopback and records every attempt.
// Layers:
// - everything (node:http, node:https, node:tls, raw node:net, fetch's undici):
//   net.Socket#connect to a host/port and DNS lookups (dns.lookup, dns.promises.lookup)
//   are refused and recorded;
// - fetch() in strict mode: an undici MockAgent with net connect disabled is made the
//   global dispatcher (Node's built-in fetch reads the same global), so any fetch of a
//   non-data: URL rejects before a socket is opened.
// Unix-domain socket paths stay allowed (they are local IPC, not the network). Child
// processes a test spawns are not covered (they load none of this).
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from "undici";

export interface NetworkBlock {
  /** Every attempt seen, as "fetch <origin>", "connect <host>:<port>" or "dns <host>". */
  readonly attempts: string[];
  /** Puts the real dispatcher, connect and DNS functions back. */
  restore: () => Promise<void>;
}

export class NetworkBlockedError extends Error {
  readonly code = "network_blocked";
  constructor(what: string) {
    super(`network access is blocked in this test: ${what}`);
    this.name = "NetworkBlockedError";
  }
}

/** Whether a host name or address is this machine's loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === "") return true; // Node's default host is localhost
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith("127.");
}

export interface BlockOptions {
  /** Let connections and DNS lookups for loopback through (the whole-suite block). Default false: block everything. */
  allowLoopback?: boolean;
}

type LookupFn = (host: string, opts: object, cb: (...a: unknown[]) => void) => void;

function loopbackOnlyLookup(inner: LookupFn, host: string, port: unknown, attempts: string[]): LookupFn {
  return (h, opts, cb) =>
    inner(h, opts, (err: unknown, address: unknown, family: unknown) => {
      if (err) return cb(err);
      const list = Array.isArray(address) ? (address as Array<{ address: string }>).map((a) => a.address) : [address];
      const outside = list.find((a) => !isLoopbackHost(String(a)));
      if (outside === undefined) return cb(null, address, family);
      const what = `connect ${host} (${String(outside)}):${String(port)}`;
      attempts.push(what);
      cb(new NetworkBlockedError(what));
    });
}

export function blockNetwork(options: BlockOptions = {}): NetworkBlock {
  const attempts: string[] = [];
  const allowed = (host: string | undefined) => options.allowLoopback === true && isLoopbackHost(host);
  const previousDispatcher: Dispatcher = getGlobalDispatcher();
  let agent: MockAgent | undefined;
  if (!options.allowLoopback) {
    agent = new MockAgent();
    agent.disableNetConnect();
    // Any request reaching the agent has no interceptor: record it, then undici rejects it.
    const dispatch = agent.dispatch.bind(agent);
    agent.dispatch = (opts, handler) => {
      attempts.push(`fetch ${String(opts.origin ?? "")}${opts.path ?? ""}`);
      return dispatch(opts, handler);
    };
    setGlobalDispatcher(agent);
  }

  const socketConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const opts = (Array.isArray(first) ? first[0] : first) as
      { path?: string; host?: string; port?: number; lookup?: unknown } | number | string;
    const isPath =
      typeof opts === "string" || (typeof opts === "object" && opts !== null && typeof opts.path === "string");
    if (isPath) return (socketConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    const host = typeof opts === "number" ? String(args[1] ?? "localhost") : (opts?.host ?? "localhost");
    const port = typeof opts === "number" ? opts : opts?.port;
    if (allowed(host)) return (socketConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    if (options.allowLoopback && typeof opts === "object" && opts !== null && typeof opts.lookup === "function") {
      // A name resolved by the caller's own lookup (e.g. the fetcher's pinned address, a test's
      // fake DNS): connect only if every address it gives is loopback.
      opts.lookup = loopbackOnlyLookup(opts.lookup as LookupFn, host, port, attempts);
      return (socketConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    }
    const what = `connect ${host}:${port}`;
    attempts.push(what);
    process.nextTick(() => this.destroy(new NetworkBlockedError(what)));
    return this;
  } as typeof net.Socket.prototype.connect;

  const lookup = dns.lookup;
  const promisesLookup = dns.promises.lookup;
  dns.lookup = ((host: string, ...rest: unknown[]) => {
    if (allowed(host)) return (lookup as (...a: unknown[]) => unknown).call(dns, host, ...rest);
    attempts.push(`dns ${host}`);
    const cb = rest.at(-1);
    if (typeof cb === "function") process.nextTick(() => cb(new NetworkBlockedError(`dns ${host}`)));
  }) as typeof dns.lookup;
  dns.promises.lookup = (async (host: string, ...rest: unknown[]) => {
    if (allowed(host)) return (promisesLookup as (...a: unknown[]) => unknown).call(dns.promises, host, ...rest);
    attempts.push(`dns ${host}`);
    throw new NetworkBlockedError(`dns ${host}`);
  }) as typeof dns.promises.lookup;
  syncBuiltinESMExports();

  return {
    attempts,
    restore: async () => {
      net.Socket.prototype.connect = socketConnect;
      dns.lookup = lookup;
      dns.promises.lookup = promisesLookup;
      syncBuiltinESMExports();
      if (agent) {
        setGlobalDispatcher(previousDispatcher);
        await agent.close();
      }
    },
  };
}
