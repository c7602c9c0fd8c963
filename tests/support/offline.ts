// Blocks every outbound connection of the test process, for tests that claim
// "no network request". Two layers:
// - fetch(): an undici MockAgent with net connect disabled is made the global
//   dispatcher (Node's built-in fetch reads the same global), so any fetch of a
//   non-data: URL rejects before a socket is opened;
// - everything else (node:http, node:https, node:tls, raw node:net, and fetch if
//   a library brings its own dispatcher): net.Socket#connect to a host/port and
//   DNS lookups are refused and recorded.
// Unix-domain socket paths stay allowed (they are local IPC, not the network).
import dns from "node:dns";
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

export function blockNetwork(): NetworkBlock {
  const attempts: string[] = [];
  const previousDispatcher: Dispatcher = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  // Any request reaching the agent has no interceptor: record it, then undici rejects it.
  const dispatch = agent.dispatch.bind(agent);
  agent.dispatch = (opts, handler) => {
    attempts.push(`fetch ${String(opts.origin ?? "")}${opts.path ?? ""}`);
    return dispatch(opts, handler);
  };
  setGlobalDispatcher(agent);

  const socketConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const opts = (Array.isArray(first) ? first[0] : first) as
      { path?: string; host?: string; port?: number } | number | string;
    const isPath =
      typeof opts === "string" || (typeof opts === "object" && opts !== null && typeof opts.path === "string");
    if (isPath) return (socketConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    const host = typeof opts === "number" ? String(args[1] ?? "localhost") : (opts?.host ?? "localhost");
    const port = typeof opts === "number" ? opts : opts?.port;
    const what = `connect ${host}:${port}`;
    attempts.push(what);
    process.nextTick(() => this.destroy(new NetworkBlockedError(what)));
    return this;
  } as typeof net.Socket.prototype.connect;

  const lookup = dns.lookup;
  const promisesLookup = dns.promises.lookup;
  dns.lookup = ((host: string, ...rest: unknown[]) => {
    attempts.push(`dns ${host}`);
    const cb = rest.at(-1);
    if (typeof cb === "function") process.nextTick(() => cb(new NetworkBlockedError(`dns ${host}`)));
  }) as typeof dns.lookup;
  dns.promises.lookup = (async (host: string) => {
    attempts.push(`dns ${host}`);
    throw new NetworkBlockedError(`dns ${host}`);
  }) as typeof dns.promises.lookup;

  return {
    attempts,
    restore: async () => {
      net.Socket.prototype.connect = socketConnect;
      dns.lookup = lookup;
      dns.promises.lookup = promisesLookup;
      setGlobalDispatcher(previousDispatcher);
      await agent.close();
    },
  };
}
