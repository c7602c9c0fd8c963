// Issue #20 §3 through the one import path on a real database: a baked OB 2.0 hosted badge whose
// embedded BadgeClass and Issuer were rewritten ("Doctor of Medicine — Harvard Medical School")
// is staged and saved with the issuer's hosted data (served by a real HTTP server on 127.0.0.1,
// allowed by name), and its report names the mismatch and is never valid.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { startServer, type TestServer } from "../support/net";
import { bakePng, noisePng } from "../support/wallet";
import { users } from "@/db/schema";
import { getCredential } from "@/db/queries/credentials";
import { createFetcher } from "@/lib/net/fetcher";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { verifyStaged } from "@/server/wallet/verification";

let t: TestDb;
let server: TestServer;
let o: string;
const json = (body: unknown) => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

const assertion = () => ({
  "@context": "https://w3id.org/openbadges/v2",
  type: "Assertion",
  id: `${o}/assertions/7`,
  recipient: { type: "email", hashed: false, identity: "ada@example.org" },
  badge: `${o}/badge.json`,
  issuedOn: "2025-03-14T09:00:00Z",
  verification: { type: "hosted" },
});
const badge = () => ({
  type: "BadgeClass",
  id: `${o}/badge.json`,
  name: "First Aid Basics",
  description: "Can give basic first aid.",
  criteria: { narrative: "Pass the practical." },
  issuer: `${o}/issuer.json`,
});
const issuer = () => ({ type: "Issuer", id: `${o}/issuer.json`, name: "Harbor Valley Community College" });

beforeAll(async () => {
  t = await createTestDb();
  server = await startServer({
    "/assertions/7": (req, res) => json(assertion())(req, res),
    "/badge.json": (req, res) => json(badge())(req, res),
    "/issuer.json": (req, res) => json(issuer())(req, res),
  });
  o = server.origin;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

async function learner(): Promise<WalletContext> {
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org", passwordHash: "x" }).returning();
  return {
    db: t.db,
    user: { id: u!.id, email: u!.email },
    fetcher: createFetcher({ allowHosts: [new URL(o).host] }),
  };
}

function draftOf(r: StageResult) {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft;
}

describe("a rewritten baked copy of a hosted badge", () => {
  it("is drafted and saved with the hosted title and issuer, and its report names the mismatch", async () => {
    const ctx = await learner();
    const forged = {
      ...assertion(),
      badge: {
        ...badge(),
        name: "Doctor of Medicine",
        issuer: { ...issuer(), name: "Harvard Medical School" },
      },
    };
    const draft = draftOf(await stageFile(ctx, new Uint8Array(bakePng(noisePng(20, 20, 3), JSON.stringify(forged)))));
    expect(draft.title).toBe("First Aid Basics");
    expect(JSON.stringify(draft)).not.toContain("Harvard");
    expect(JSON.stringify(draft)).not.toContain("Doctor of Medicine");

    const report = await verifyStaged(ctx, draft.uploadId);
    expect(report!.result).not.toBe("valid");
    expect(report!.checks.find((c) => c.id === "hosted")!.message).toContain("its issuer's name");

    const saved = await saveStaged(ctx, draft.uploadId, { title: draft.title, description: "", skills: [] });
    const row = await getCredential(t.db, ctx.user.id, saved.id);
    expect(row!.title).toBe("First Aid Basics");
    expect(row!.issuerName).toBe("Harbor Valley Community College");
    expect(row!.verification!.result).not.toBe("valid");
  });
});
