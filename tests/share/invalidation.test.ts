// Share state is the database's (issue #12 §1): every change a share link shows
// raises NOTIFY sash_share with the slug from the changing transaction, and a
// process listening on PostgreSQL drops its cached entries for that slug.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { listenOn } from "@/tests/support/notify";
import { until } from "@/tests/support/wait";
import { listenPostgres } from "@/db/listen";
import {
  memoBegin,
  memoEnd,
  memoEnabled,
  memoFlush,
  memoGet,
  memoInvalidate,
  memoSet,
  slugIndexSaysMissing,
} from "@/lib/share/memo";
import { newShareSlug } from "@/lib/share/slug";
import {
  listenPglite,
  loadSlugIndex,
  startShareListener,
  stopShareListener,
  SHARE_CHANNEL,
} from "@/server/share/invalidation";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await stopShareListener();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

async function exec(q: ReturnType<typeof sql>): Promise<Array<Record<string, unknown>>> {
  const r = (await t.db.execute(q)) as unknown as { rows: Array<Record<string, unknown>> };
  return r.rows;
}

/** A learner with one shared credential (raw SQL: only the columns this test needs). */
async function seed(): Promise<{ userId: string; credId: string; fileId: string; slug: string }> {
  const [u] = await exec(
    sql`insert into users (name, email) values ('Ada', ${`ada-${randomBytes(4).toString("hex")}@example.test`}) returning id`,
  );
  const [f] = await exec(
    sql`insert into credential_files (user_id, sha256, mime_type, size, bytes) values (${u.id}, 'x', 'image/png', 3, '\\x010203'::bytea) returning id`,
  );
  const slug = newShareSlug();
  const [c] = await exec(
    sql`insert into credentials (user_id, origin, title, share_slug, file_id) values (${u.id}, 'manual', 'Data', ${slug}, ${f.id}) returning id`,
  );
  return { userId: String(u.id), credId: String(c.id), fileId: String(f.id), slug };
}

describe(`NOTIFY sash_share from the changing transaction (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("names the slug for disable, edit, skills, file, learner name, regenerate (old and new) and delete", async () => {
    const s = await seed();
    const sub = await listenOn(t, SHARE_CHANNEL);
    try {
      const expectNext = async (change: ReturnType<typeof sql>, slugs: string[]) => {
        sub.seen.length = 0;
        await exec(change);
        await until(() => slugs.every((x) => sub.seen.includes(x)));
        expect(new Set(sub.seen)).toEqual(new Set(slugs));
      };
      await expectNext(sql`update credentials set share_enabled = false where id = ${s.credId}`, [s.slug]);
      await expectNext(sql`update credentials set title = 'Data 2' where id = ${s.credId}`, [s.slug]);
      await expectNext(
        sql`insert into credential_skills (credential_id, user_id, skill_key, name, position) values (${s.credId}, ${s.userId}, 'custom:sql', 'SQL', 0)`,
        [s.slug],
      );
      await expectNext(sql`delete from credential_skills where credential_id = ${s.credId}`, [s.slug]);
      await expectNext(
        sql`update credential_files set public_bytes = '\\x01'::bytea, public_mime_type = 'image/png' where id = ${s.fileId}`,
        [s.slug],
      );
      await expectNext(sql`update users set name = 'Ada L.' where id = ${s.userId}`, [s.slug]);
      const fresh = newShareSlug();
      await expectNext(sql`update credentials set share_slug = ${fresh} where id = ${s.credId}`, [s.slug, fresh]);
      await expectNext(sql`delete from credentials where id = ${s.credId}`, [fresh]);
    } finally {
      await sub.stop();
    }
  });

  it("says nothing for a change that is rolled back", async () => {
    const s = await seed();
    const sub = await listenOn(t, SHARE_CHANNEL);
    try {
      await t.db
        .transaction(async (tx) => {
          await tx.execute(sql`update credentials set share_enabled = false where id = ${s.credId}`);
          throw new Error("rollback");
        })
        .catch(() => {});
      await exec(sql`update credentials set title = 'marker' where id = ${s.credId}`);
      // Notifications arrive in commit order: once a later transaction's "end" is heard, all before it are in.
      await exec(sql`select pg_notify(${SHARE_CHANNEL}, 'end')`);
      await until(() => sub.seen.includes("end"));
      expect(sub.seen).toEqual([s.slug, "end"]); // only the committed marker update
    } finally {
      await sub.stop();
    }
  });
});

describe.runIf(!process.env.TEST_DATABASE_URL)("the process's share listener on PGlite", () => {
  it("drops a link's cached entries when any code path changes it (the trigger's NOTIFY, heard in process)", async () => {
    const s = await seed();
    const stop = await listenPglite(t.db);
    try {
      const tk = memoBegin(s.slug);
      memoSet(tk, "page", { html: "x" }, 10);
      memoEnd(tk);
      expect(memoGet(s.slug, "page")).toBeDefined();
      await exec(sql`update users set name = 'Renamed' where id = ${s.userId}`); // no revalidateShare call
      await until(() => memoGet(s.slug, "page") === undefined);
    } finally {
      await stop();
    }
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)("the process's share listener on PostgreSQL", () => {
  function cache(slug: string): void {
    const tk = memoBegin(slug);
    memoSet(tk, "page", { html: slug }, 10);
    memoEnd(tk);
  }

  it("keeps the cache off until LISTEN is in place, then drops a link's entries when the commit's NOTIFY arrives", async () => {
    const l = startShareListener(t.url!);
    expect(memoEnabled()).toBe(l.ready());
    await until(() => l.ready());
    expect(memoEnabled()).toBe(true);
    const s = await seed();
    const other = newShareSlug();
    cache(s.slug);
    cache(other);
    expect(memoGet(s.slug, "page")).toBeDefined();
    // Another process (any connection) turns the link off.
    const { Client } = await import("pg");
    const c = new Client({ connectionString: t.url });
    await c.connect();
    try {
      await c.query("update credentials set share_enabled = false where id = $1", [s.credId]);
      await until(() => memoGet(s.slug, "page") === undefined);
      expect(memoGet(other, "page")).toBeDefined();

      // The listening connection dies: the cache is off (and empty) until it is back.
      cache(s.slug);
      await c.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()",
        [`sash-listen-${SHARE_CHANNEL}`],
      );
      await until(() => !memoEnabled());
      expect(memoGet(other, "page")).toBeUndefined();
      await until(() => l.ready() && memoEnabled());
      expect(memoGet(s.slug, "page")).toBeUndefined(); // flushed: messages may have been missed
      // And it hears changes again after the reconnect.
      cache(s.slug);
      await c.query("update credentials set share_enabled = true where id = $1", [s.credId]);
      await until(() => memoGet(s.slug, "page") === undefined);
    } finally {
      await c.end();
      await stopShareListener();
    }
  });
});

describe(`the index of shared slugs (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("answers a never-seen slug from memory, yet hears a link created after the load at once", async () => {
    const first = await seed();
    // What the process does: listen first (every change drops entries and notes the slug), then load.
    let stop: () => Promise<void>;
    if (t.url) {
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      const l = listenPostgres(t.url, SHARE_CHANNEL, {
        onNotify: memoInvalidate,
        onReady: () => ready(),
        onLost: () => {},
      });
      await isReady;
      stop = () => l.close();
    } else stop = await listenPglite(t.db);
    try {
      memoFlush();
      expect(slugIndexSaysMissing(newShareSlug())).toBe(false); // not loaded: the database decides
      expect(await loadSlugIndex(t.db)).toBe(true);
      expect(slugIndexSaysMissing(first.slug)).toBe(false);
      expect(slugIndexSaysMissing(newShareSlug())).toBe(true);
      const second = await seed();
      await until(() => !slugIndexSaysMissing(second.slug));
      // A link turned off and on again after the load is heard too.
      await exec(sql`update credentials set share_enabled = false where id = ${first.credId}`);
      await exec(sql`update credentials set share_enabled = true where id = ${first.credId}`);
      expect(slugIndexSaysMissing(first.slug)).toBe(false);
      memoFlush(); // e.g. a reconnect: messages may have been missed, so the index answers nothing
      expect(slugIndexSaysMissing(newShareSlug())).toBe(false);
    } finally {
      await stop();
    }
  });

  it("leaves out links that are turned off when it loads", async () => {
    const s = await seed();
    await exec(sql`update credentials set share_enabled = false where id = ${s.credId}`);
    memoFlush();
    expect(await loadSlugIndex(t.db)).toBe(true);
    expect(slugIndexSaysMissing(s.slug)).toBe(true);
    memoFlush();
  });
});
