// The one route-handler wrapper (server/http/wrap.ts): same-origin check for state-changing methods, session check,
// and coded JSON errors — called with real Requests, the session given as a function (next-auth needs a Next scope).
import { afterEach, describe, expect, it, vi } from "vitest";
import { SashError } from "@/lib/badges/errors";
import { routeWith } from "@/server/http/wrap";
import { publicOrigin } from "@/server/request/origin";
import { DatabaseUnavailableError } from "@/db/client";

const LEARNER = { id: "u1", name: "Ada", email: "ada@example.org" };
const signedIn = routeWith(async () => LEARNER);
const signedOut = routeWith(async () => null);
const noParams = { params: Promise.resolve({}) };

function post(origin: string | null): Request {
  return new Request(`${publicOrigin()}/x`, { method: "POST", headers: origin ? { origin } : {}, body: "x" });
}

afterEach(() => vi.restoreAllMocks());

describe("route(): same origin", () => {
  const handler = signedIn({ auth: "learner", sameOrigin: true, where: "test" }, async (_req, { user }) =>
    Response.json({ id: user.id }),
  );

  it("refuses a POST from another origin, or with no Origin, with a coded 403 before reading the session", async () => {
    let asked = 0;
    const counted = routeWith(async () => (asked++, LEARNER))(
      { auth: "learner", sameOrigin: true, where: "test" },
      async () => new Response("ran"),
    );
    for (const origin of ["https://evil.example", null]) {
      const res = await counted(post(origin), noParams);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(asked).toBe(0);
  });

  it("lets a POST from Sash's own origin through, and never checks a GET", async () => {
    expect(await (await handler(post(publicOrigin()), noParams)).json()).toEqual({ id: "u1" });
    const get = new Request(`${publicOrigin()}/x`, { headers: { origin: "https://evil.example" } });
    expect((await handler(get, noParams)).status).toBe(200);
  });

  it("answers a route's own refusal when it names one", async () => {
    const own = signedIn(
      { auth: "learner", sameOrigin: true, where: "test", forbidden: () => new Response(null, { status: 303 }) },
      async () => new Response("ran"),
    );
    expect((await own(post("https://evil.example"), noParams)).status).toBe(303);
  });
});

describe("route(): session", () => {
  it("answers DATABASE_UNAVAILABLE (503, one plain sentence) when the session check can't reach the database", async () => {
    // Since issue #21 §2 the session is checked against the account on every request: with the database
    // down that read fails, and the route answers as for any other statement (before, a 500 'Something went wrong').
    let ran = false;
    const down = routeWith(async () => {
      throw new DatabaseUnavailableError("the session check could not reach the database");
    });
    const res = await down({ auth: "learner", sameOrigin: false, where: "test" }, async () => {
      ran = true;
      return new Response("ran");
    })(new Request(`${publicOrigin()}/x`), noParams);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, code: "DATABASE_UNAVAILABLE" });
    expect(ran).toBe(false);
  });

  it("answers a signed-out visitor of a learner route with a coded 401 (or the route's own answer)", async () => {
    const res = await signedOut({ auth: "learner", sameOrigin: false, where: "test" }, async () => new Response("ran"))(
      new Request(`${publicOrigin()}/x`),
      noParams,
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const own = signedOut(
      { auth: "learner", sameOrigin: false, where: "test", unauthenticated: () => new Response("nf", { status: 404 }) },
      async () => new Response("ran"),
    );
    expect((await own(new Request(`${publicOrigin()}/x`), noParams)).status).toBe(404);
  });

  it("runs a public route without a session and hands it the awaited params", async () => {
    const res = await signedOut(
      { auth: "public", sameOrigin: false, where: "test" },
      async (_req, { params, user }: { params: { slug: string }; user: null }) => Response.json({ params, user }),
    )(new Request(`${publicOrigin()}/c/abc`), { params: Promise.resolve({ slug: "abc" }) });
    expect(await res.json()).toEqual({ params: { slug: "abc" }, user: null });
  });
});

describe("route(): errors", () => {
  const failing = (e: unknown, errors?: "json" | "page") =>
    signedIn({ auth: "learner", sameOrigin: false, where: "test route", errors }, async () => {
      throw e;
    })(new Request(`${publicOrigin()}/x`), noParams);

  it("an exposed error keeps its code, learner message and status", async () => {
    const res = await failing(new SashError("PAYLOAD_TOO_LARGE"));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { ok: boolean; code: string; message: string };
    expect(body).toEqual({ ok: false, code: "PAYLOAD_TOO_LARGE", message: new SashError("PAYLOAD_TOO_LARGE").message });
  });

  it("anything else is 'Something went wrong (reference X)', logged under that reference without its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await failing(new Error("secret detail"));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("INTERNAL");
    const ref = /reference ([^)]+)\)/.exec(body.message)?.[1];
    expect(ref).toBeTruthy();
    expect(body.message).not.toContain("secret detail");
    expect(log.mock.calls.map((c) => String(c[0])).join("\n")).toContain(`error ${ref} in test route`);
  });

  it("a route that answers failures itself gets the coded failure", async () => {
    const res = await signedIn(
      {
        auth: "learner",
        sameOrigin: false,
        where: "test",
        onError: (f) => new Response(null, { status: 303, headers: { location: `/back?error=${f.code}` } }),
      },
      async () => {
        throw new SashError("PAYLOAD_TOO_LARGE");
      },
    )(new Request(`${publicOrigin()}/x`), noParams);
    expect(res.headers.get("location")).toBe("/back?error=PAYLOAD_TOO_LARGE");
  });

  it("in page mode (public pages and downloads) an error that isn't the database's is left to Next", async () => {
    await expect(failing(new Error("bug"), "page")).rejects.toThrow("bug");
  });
});
