// A dedicated PostgreSQL connection that LISTENs on one channel, for the life
// of the process (issue #12 §1: share-link invalidations). Driver only: it
// knows nothing about what the messages mean.
//
// `onReady` fires each time LISTEN is in place (first connect and every
// reconnect); `onLost` fires when the connection fails or stops answering the
// keep-alive ping. Between the two, notifications may have been missed, so the
// caller must treat a reconnect as "everything may have changed".
import type { Client } from "pg";

export interface ListenHandlers {
  onNotify: (payload: string) => void;
  onReady: () => void;
  onLost: (reason: string) => void;
}

export interface Listener {
  close: () => Promise<void>;
  /** True while LISTEN is in place on a live connection. */
  ready: () => boolean;
}

export interface ListenOptions {
  /** Keep-alive ping interval; a ping unanswered within it counts as a lost connection. */
  pingMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export function listenPostgres(url: string, channel: string, h: ListenHandlers, opts: ListenOptions = {}): Listener {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
  const pingMs = opts.pingMs ?? 5_000;
  const retryMin = opts.retryMinMs ?? 100;
  const retryMax = opts.retryMaxMs ?? 5_000;
  let client: Client | null = null;
  let isReady = false;
  let closed = false;
  let retry = retryMin;
  let timer: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;

  const lost = (c: Client, reason: string) => {
    if (client !== c) return; // already handled
    client = null;
    if (ping) clearInterval(ping);
    ping = null;
    isReady = false;
    c.removeAllListeners("notification");
    c.on("error", () => {}); // late errors of a dropped connection
    c.end().catch(() => {});
    if (!closed) h.onLost(reason);
    schedule();
  };

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retry);
    timer.unref();
    retry = Math.min(retry * 2, retryMax);
  };

  const connect = async () => {
    if (closed) return;
    const { Client } = await import("pg");
    const c = new Client({
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: `sash-listen-${channel}`,
    });
    client = c;
    c.on("error", (e) => lost(c, e.message));
    c.on("end", () => lost(c, "connection ended"));
    c.on("notification", (m) => {
      if (m.channel === channel && m.payload) h.onNotify(m.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      lost(c, (e as Error).message);
      return;
    }
    if (client !== c || closed) return;
    isReady = true;
    retry = retryMin;
    h.onReady();
    let pending = false;
    ping = setInterval(() => {
      if (pending) return lost(c, "keep-alive ping unanswered");
      pending = true;
      c.query("select 1").then(
        () => void (pending = false),
        (e: Error) => lost(c, e.message),
      );
    }, pingMs);
    ping.unref();
  };

  void connect();
  return {
    ready: () => isReady,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      if (ping) clearInterval(ping);
      const c = client;
      client = null;
      isReady = false;
      if (c) await c.end().catch(() => {});
    },
  };
}
