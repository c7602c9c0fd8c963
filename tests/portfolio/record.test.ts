// The portfolio page (/record, issue #13 §5) on a real database: what it groups and
// counts, what its public copy may show, and its share link's notifications.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { listenOn } from "@/tests/support/notify";
import { until } from "@/tests/support/wait";
import { seedSharedCredential } from "@/tests/support/share";
import { credentials, credentialSkills, learnerRecords } from "@/db/schema";
import {
  ensureRecordShare,
  getRecordRows,
  getSharedRecordOwner,
  listSharedRecordSlugs,
  replaceRecordShareSlug,
  setRecordShareEnabled,
} from "@/db/queries/portfolio";
import { listSharedSlugs } from "@/db/queries/share";
import { buildPortfolioView } from "@/lib/portfolio/view";
import { renderPortfolioPage, PORTFOLIO_CSP } from "@/lib/portfolio/render";
import { newShareSlug } from "@/lib/share/slug";
import { SHARE_CHANNEL } from "@/server/share/invalidation";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

const NOW = new Date("2026-11-28T12:00:00Z");
const valid = (checkedAt = "2026-11-27T10:00:00Z") => ({
  result: "valid",
  checkedAt,
  checks: [
    { id: "signature", status: "pass", message: "Signed by the issuer." },
    { id: "issuer", status: "pass", message: "Issuer confirmed." },
    { id: "recipient", status: "pass", message: "Issued to a verified address." },
    { id: "revocation", status: "pass", message: "Not revoked." },
  ],
});

/** A learner with: the fixture's verified badge (Example Academy), two more from another issuer, one manual. */
async function seedWallet() {
  const s = await seedSharedCredential(t.db, {
    name: "Ada Lovelace",
    email: `ada-${randomBytes(3).toString("hex")}@example.test`,
  });
  const add = async (v: Partial<typeof credentials.$inferInsert> & { title: string }, skills: string[]) => {
    const [c] = await t.db
      .insert(credentials)
      .values({ userId: s.userId, origin: "paste", shareSlug: newShareSlug(), ...v })
      .returning({ id: credentials.id });
    if (skills.length)
      await t.db.insert(credentialSkills).values(
        skills.map((name, position) => ({
          credentialId: c.id,
          userId: s.userId,
          position,
          name,
          skillKey: `custom:${name.toLowerCase()}`,
        })),
      );
    return c.id;
  };
  const degree = await add(
    {
      title: "BSc Data Science",
      spec: "ob3",
      issuerName: "Western University",
      issuedOn: new Date("2025-06-30T00:00:00Z"),
      verification: valid(),
      verificationResult: "valid",
      // The achievement columns as the import fills them (the other credential below has only its record).
      achievementType: "Degree",
      details: {
        v: 1,
        achievementType: "Degree",
        results: [
          { name: "Final Project Grade", value: "A", valueMin: null, valueMax: null, level: null, status: null },
        ],
        evidence: [],
        endorsements: [],
      },
    },
    ["Microsoft Excel", "Python"],
  );
  const expired = await add(
    {
      title: "First Aid",
      spec: "ob3",
      issuerName: "Western University",
      issuedOn: new Date("2020-01-01T00:00:00Z"),
      expires: new Date("2022-01-01T00:00:00Z"),
      verification: valid("2021-06-01T00:00:00Z"),
      verificationResult: "valid",
      record: {
        achievementType: "ext:FirstAidCertificate",
        results: [{ name: "Score", value: "8.5", valueMin: "1", valueMax: "10" }],
      },
    },
    ["Python"],
  );
  const manual = await add({ title: "Self-taught SQL", origin: "manual" }, ["SQL", "Python"]);
  return { ...s, degree, expired, manual };
}

describe("the record view", () => {
  it("groups by issuer, says Verified only for valid credentials that still hold, and counts skills with provenance", async () => {
    const w = await seedWallet();
    const rows = await getRecordRows(t.db, w.userId);
    expect(rows).not.toBeNull();
    const view = buildPortfolioView(rows!, NOW);
    expect(view.learnerName).toBe("Ada Lovelace");
    expect(view.groups.map((g) => g.heading)).toEqual(["Example Academy", "Western University", "Issuer not named"]);
    const western = view.groups[1]!;
    expect(western.items.map((i) => [i.title, i.status, i.achievementType])).toEqual([
      ["BSc Data Science", "Verified", "Degree"],
      // Stored as valid, but it expired since: never "Verified".
      ["First Aid", "Failed", "FirstAidCertificate"],
    ]);
    expect(western.items[0]!.results).toEqual(["Final Project Grade: A"]);
    expect(western.items[1]!.results).toEqual(["Score: 8.5 on a scale of 1–10"]);
    expect(view.groups[0]!.items[0]!.status).toBe("Verified"); // the fixture's valid badge
    expect(view.groups[2]!.items[0]!.status).toBe("Not verified"); // manual: never checked
    expect(view.totals).toEqual({ credentials: 4, verified: 2, issuers: 3, learnerRecords: 0 });
    const skill = (name: string) => view.skills.find((s) => s.name === name);
    expect(skill("Python")).toMatchObject({ credentials: 3, verified: 1 });
    expect(skill("Microsoft Excel")).toMatchObject({ credentials: 2, verified: 2 });
    expect(skill("SQL")).toMatchObject({ credentials: 1, verified: 0 });
    expect(view.skills[0]!.name).toBe("Microsoft Excel"); // most verified first
  });

  it("shows a learner record (CLR) as its own group of its nested credentials, in document order", async () => {
    const w = await seedWallet();
    const [rec] = await t.db
      .insert(learnerRecords)
      .values({
        userId: w.userId,
        origin: "paste",
        spec: "clr2",
        title: "Western High School transcript",
        issuerName: "Western High School",
        raw: "{}",
      })
      .returning({ id: learnerRecords.id });
    await t.db
      .update(credentials)
      .set({ learnerRecordId: rec.id, learnerRecordIndex: 1 })
      .where(sql`id = ${w.degree}`);
    await t.db
      .update(credentials)
      .set({ learnerRecordId: rec.id, learnerRecordIndex: 0 })
      .where(sql`id = ${w.expired}`);
    const view = buildPortfolioView((await getRecordRows(t.db, w.userId))!, NOW);
    const g = view.groups[0]!;
    expect(g.kind).toBe("learner-record");
    expect(g.heading).toBe("Western High School transcript");
    expect(g.learnerRecord?.status).toBe("Not verified");
    expect(g.items.map((i) => i.title)).toEqual(["First Aid", "BSc Data Science"]);
    expect(view.groups.map((g) => g.heading)).toEqual([
      "Western High School transcript",
      "Example Academy",
      "Issuer not named",
    ]);
    expect(view.totals.learnerRecords).toBe(1);
  });

  it("finds nothing of another learner's", async () => {
    const w = await seedWallet();
    const other = await seedSharedCredential(t.db, { name: "Grace" });
    const view = buildPortfolioView((await getRecordRows(t.db, other.userId))!, NOW);
    expect(view.totals.credentials).toBe(1);
    expect(JSON.stringify(view)).not.toContain(w.degree);
  });
});

describe("the public portfolio page", () => {
  it("is static HTML with no script, never indexed, and shows no email, hash or internal id", async () => {
    const w = await seedWallet();
    const html = renderPortfolioPage(buildPortfolioView((await getRecordRows(t.db, w.userId))!, NOW));
    expect(html).toContain("Ada Lovelace — learner record");
    expect(html).toContain("BSc Data Science");
    expect(html).toContain("Final Project Grade: A");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/@example\.test|sha256\$/);
    for (const id of [w.userId, w.credentialId, w.degree, w.expired, w.manual]) expect(html).not.toContain(id);
    // The only stylesheet is the inline one the CSP allows by hash.
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import("node:crypto");
    expect(PORTFOLIO_CSP).toContain(`'sha256-${createHash("sha256").update(css).digest("base64")}'`);
    expect(PORTFOLIO_CSP).toContain("script-src 'none'");
    expect(css).toContain("@media print");
  });

  it("escapes what the learner and issuers typed", async () => {
    const w = await seedWallet();
    await t.db
      .update(credentials)
      .set({ title: '<img src=x onerror="alert(1)">' })
      .where(sql`id = ${w.manual}`);
    const html = renderPortfolioPage(buildPortfolioView((await getRecordRows(t.db, w.userId))!, NOW));
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe(`the portfolio share link (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("is off by default, resolves only while on, and a new slug retires the old one", async () => {
    const w = await seedWallet();
    const s = await ensureRecordShare(t.db, w.userId, newShareSlug());
    expect(s.enabled).toBe(false);
    expect(await ensureRecordShare(t.db, w.userId, newShareSlug())).toEqual(s); // made once
    expect(await getSharedRecordOwner(t.db, s.slug)).toBeNull();
    expect(await listSharedRecordSlugs(t.db)).toEqual([]);
    await setRecordShareEnabled(t.db, w.userId, true);
    expect(await getSharedRecordOwner(t.db, s.slug)).toEqual({ userId: w.userId });
    expect(await listSharedSlugs(t.db)).toContain(s.slug); // the share cache's index knows record links too
    const r = await replaceRecordShareSlug(t.db, w.userId, newShareSlug());
    expect(r!.oldSlug).toBe(s.slug);
    expect(await getSharedRecordOwner(t.db, s.slug)).toBeNull();
    expect(await getSharedRecordOwner(t.db, r!.settings.slug)).toEqual({ userId: w.userId });
    await setRecordShareEnabled(t.db, w.userId, false);
    expect(await getSharedRecordOwner(t.db, r!.settings.slug)).toBeNull();
  });

  it("names the record's slug in NOTIFY sash_share for every change the page shows, while it is on", async () => {
    const w = await seedWallet();
    const { slug } = await ensureRecordShare(t.db, w.userId, newShareSlug());
    const { seen, stop } = await listenOn(t, SHARE_CHANNEL);
    try {
      const run = async (q: ReturnType<typeof sql>) => {
        seen.length = 0;
        await t.db.execute(q);
        await until(() => seen.includes(slug));
      };
      await run(sql`update record_shares set share_enabled = true where user_id = ${w.userId}`);
      await run(sql`update credentials set title = 'Renamed' where id = ${w.manual}`);
      await run(sql`delete from credential_skills where credential_id = ${w.manual}`);
      await run(sql`update users set name = 'Ada L.' where id = ${w.userId}`);
      await run(sql`delete from credentials where id = ${w.manual}`);
      await run(sql`update record_shares set share_enabled = false where user_id = ${w.userId}`);
      // Off: a credential change says nothing about the record (a marker on the credential's own slug shows the trigger ran).
      seen.length = 0;
      await t.db.execute(sql`update credentials set title = 'Quiet' where id = ${w.degree}`);
      const [{ share_slug: credSlug }] = (
        (await t.db.execute(sql`select share_slug from credentials where id = ${w.degree}`)) as unknown as {
          rows: Array<{ share_slug: string }>;
        }
      ).rows;
      await until(() => seen.includes(credSlug));
      // Notifications arrive in commit order: once a later transaction's marker is heard, all of the update's are in.
      await t.db.execute(sql`select pg_notify(${SHARE_CHANNEL}, 'marker')`);
      await until(() => seen.includes("marker"));
      expect(seen).not.toContain(slug);
    } finally {
      await stop();
    }
  });
});
