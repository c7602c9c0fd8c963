// Listening on a NOTIFY channel of the test database (PGlite's own listen, or a real
// PostgreSQL connection when TEST_DATABASE_URL is set); wait for what it hears with until() (./wait.ts).
import { listenPostgres } from "@/db/listen";
import type { TestDb } from "./db";

export interface Heard {
  /** Every payload heard so far, in order. */
  seen: string[];
  stop: () => Promise<void>;
}

/** Listens on `channel`; resolves once LISTEN is in place, so nothing sent after it is missed. */
export async function listenOn(t: TestDb, channel: string): Promise<Heard> {
  const seen: string[] = [];
  if (t.url) {
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const l = listenPostgres(t.url, channel, {
      onNotify: (p) => seen.push(p),
      onReady: () => ready(),
      onLost: () => {},
    });
    await isReady;
    return { seen, stop: () => l.close() };
  }
  const client = (
    t.db as unknown as { $client: { listen: (c: string, cb: (p: string) => void) => Promise<() => Promise<void>> } }
  ).$client;
  const unlisten = await client.listen(channel, (p) => seen.push(p));
  return { seen, stop: () => unlisten() };
}
