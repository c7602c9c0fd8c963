// The Open Badges 3.0 API and CLR 2.0 API in the host role, and the Open Badges 2.1 Badge Connect API (issue #22 §1):
// one handler per operation, each checking its OAuth scope with server/oauth requireBearer, reading and writing the
// learner's wallet only through the one import path (lib/badges/ingest.ts readCredential → server/wallet/ingest.ts
// stageIngested → verifyStaged → saveStagedImport, the upload's own verification, quotas and limits) and db/queries/ims.ts.
// Failures answer Imsx_StatusInfo (OB 3.0 / CLR 2.0) or the OB 2.1 status envelope (./respond.ts).
// Everything runs against `deps` (a test's database, fetcher and origin) or the process's own.
import type { Db } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { listVerifiedEmails } from "@/db/queries/emails";
import { deleteLearnerRecord } from "@/db/queries/learner-records";
import {
  listApiCredentials,
  listApiLearnerRecords,
  replaceCredentialData,
  setLearnerName,
  type ApiPageQuery,
} from "@/db/queries/ims";
import { readCredential } from "@/lib/badges/ingest";
import type { BadgeSpec, Fetcher } from "@/lib/badges/types";
import { badgeConnectManifest, serviceDescription, OB21_API_BASE, type HostApi } from "@/lib/ims/discovery";
import { ob21Status } from "@/lib/ims/imsx";
import { pageLinks, PageQueryProblem, readPageQuery } from "@/lib/ims/paging";
import { CLR2_SCOPES, OB21_SCOPES, OB3_SCOPES, type HostApiScopes } from "@/lib/ims/scopes";
import { MAX_NAME, MAX_UPLOAD_BYTES, nameSchema } from "@/lib/wallet/rules";
import { jsonResponse } from "@/server/http/wrap";
import { oauthEndpoints } from "@/server/oauth/scopes";
import { requireBearer } from "@/server/oauth/bearer";
import { readBodyCapped } from "@/server/request/body";
import { publicOrigin } from "@/server/request/origin";
import { acquireUploadSlot, busyMessage } from "@/server/wallet/inflight";
import { credentialRow, heldAlready, stageIngested } from "@/server/wallet/ingest";
import { saveStagedImport } from "@/server/wallet/records";
import { discardStaged } from "@/server/wallet/staging";
import { runVerification, verifyStaged } from "@/server/wallet/verification";
import type { ImportOrigin, WalletContext } from "@/server/wallet/types";
import { answering, ImsError, type ApiStyle } from "./respond";

export interface ImsDeps {
  db?: Db;
  /** The SSRF-safe fetcher for hosted badge data and keys (server/net appFetcher by default). */
  fetcher?: Fetcher;
  now?: () => Date;
  /** The public origin (server/request/origin publicOrigin by default). */
  origin?: string;
}

interface Resolved {
  db: Db;
  fetcher: Fetcher | undefined;
  now: (() => Date) | undefined;
  origin: string;
}

async function resolve(deps: ImsDeps): Promise<Resolved> {
  const db = deps.db ?? (await (await import("@/server/db")).getDb());
  const fetcher = deps.fetcher ?? (deps.db ? undefined : (await import("@/server/net")).appFetcher());
  return { db, fetcher, now: deps.now, origin: (deps.origin ?? publicOrigin()).replace(/\/+$/, "") };
}

/** The learner the bearer token speaks for, as a wallet context; throws the OAuth failure (401 / 403). */
async function caller(req: Request, scope: string, r: Resolved): Promise<WalletContext> {
  const { userId } = await requireBearer(req, scope, { db: r.db, now: r.now });
  const user = await findUserById(r.db, userId);
  if (!user) throw new ImsError("UNAUTHENTICATED", "The account this token was issued for no longer exists.", 401);
  return { db: r.db, user: { id: user.id, email: user.email }, fetcher: r.fetcher, now: r.now };
}

function pageQuery(req: Request): ApiPageQuery {
  const q = readPageQuery(new URL(req.url).searchParams);
  if (q instanceof PageQueryProblem) throw new ImsError("IMS_INVALID_QUERY", q.message);
  return q;
}

function pageHeaders(req: Request, r: Resolved, path: string, q: ApiPageQuery, total: number): Record<string, string> {
  const base = new URL(`${r.origin}${path}`);
  for (const [k, v] of new URL(req.url).searchParams) if (k !== "limit" && k !== "offset") base.searchParams.set(k, v);
  return { "x-total-count": String(total), link: pageLinks(base, q, total) };
}

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

function jwsPayload(jws: string): unknown {
  return JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8"));
}

// ---- Upsert: the one import path ------------------------------------------------

export interface Upserted {
  created: boolean;
  id: string;
}

/**
 * Reads `text` (JSON, a compact JWS, or a hosted assertion's URL) through the import path; a credential or learner
 * record of a spec `accept` doesn't take is refused. New: staged, checked and saved like an upload's Submit (the
 * issuer's title, description and skills as the draft pre-fills them). Held already (same credential id): a single
 * credential has its badge data and verification replaced in place (the learner's title, skills and share link
 * stay); a learner record is replaced in one transaction (its credentials kept and linked to the new record).
 */
export async function upsertIntoWallet(
  ctx: WalletContext,
  text: string,
  accept: readonly BadgeSpec[],
  origin: ImportOrigin,
): Promise<Upserted> {
  const slot = acquireUploadSlot(ctx.user.id);
  if (!slot.ok) throw new ImsError("TOO_MANY_UPLOADS", busyMessage(slot), 429);
  try {
    const ingested = await readCredential({ text }, { fetcher: ctx.fetcher });
    const record = ingested.record;
    if (!record?.spec || !accept.includes(record.spec))
      throw new ImsError(
        "IMS_WRONG_CREDENTIAL_TYPE",
        `This endpoint takes ${accept.join(" or ")} credentials; this is ${record?.spec ?? "no credential"}.`,
      );
    const held = await heldAlready(ctx, record);
    if (held && record.spec !== "clr2") {
      const verification = await runVerification(ctx, record);
      const row = credentialRow(record, { origin, title: "", description: "", skills: [], verification });
      const done = await replaceCredentialData(ctx.db, ctx.user.id, held.id, row);
      if (!done) throw new ImsError("NOT_FOUND", "The credential to replace is gone.", 404);
      return { created: false, id: held.id };
    }
    if (held) {
      const id = await ctx.db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        await deleteLearnerRecord(tx, ctx.user.id, held.id, { keepCredentials: true });
        return saveNew({ ...ctx, db: tx }, ingested, origin);
      });
      return { created: false, id };
    }
    return { created: true, id: await saveNew(ctx, ingested, origin) };
  } finally {
    slot.release();
  }
}

async function saveNew(
  ctx: WalletContext,
  ingested: Awaited<ReturnType<typeof readCredential>>,
  origin: ImportOrigin,
): Promise<string> {
  const staged = await stageIngested(ctx, ingested, origin);
  if (staged.kind !== "draft") throw new ImsError("INVALID_PAYLOAD", "This credential can't be added.");
  const { draft } = staged;
  try {
    await verifyStaged(ctx, draft.uploadId);
    const saved = await saveStagedImport(ctx, draft.uploadId, {
      title: draft.title,
      description: draft.description,
      skills: draft.skills,
    });
    return saved.id;
  } catch (e) {
    await discardStaged(ctx, draft.uploadId).catch(() => {});
    throw e;
  }
}

async function bodyText(req: Request): Promise<string> {
  let bytes: Uint8Array | "too-large";
  try {
    bytes = await readBodyCapped(req, MAX_UPLOAD_BYTES);
  } catch {
    throw new ImsError("INVALID_PAYLOAD", "The request body didn't arrive in full.");
  }
  if (bytes === "too-large") throw new ImsError("PAYLOAD_TOO_LARGE");
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes)
    .replace(/^\uFEFF/, "")
    .trim();
  if (!text) throw new ImsError("INVALID_PAYLOAD", "The request body is empty.");
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImsError("INVALID_PAYLOAD", "The request body isn't valid JSON.");
  }
}

// ---- Profiles ------------------------------------------------------------------

async function learnerProfile(ctx: WalletContext): Promise<{ id: string; name: string; email: string | null }> {
  const user = await findUserById(ctx.db, ctx.user.id);
  if (!user) throw new ImsError("NOT_FOUND", "No such learner.", 404);
  const verified = await listVerifiedEmails(ctx.db, ctx.user.id);
  const email = verified.includes(user.email) ? user.email : (verified[0] ?? null);
  return { id: `urn:uuid:${user.id}`, name: user.name, email };
}

function ob3Profile(p: { id: string; name: string; email: string | null }): Record<string, unknown> {
  return {
    "@context": ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: p.id,
    type: ["Profile"],
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
  };
}

// ---- The OB 3.0 / CLR 2.0 host API ---------------------------------------------

export interface HostApiHandlers {
  discovery: (req: Request) => Promise<Response>;
  getCredentials: (req: Request) => Promise<Response>;
  upsertCredential: (req: Request) => Promise<Response>;
  getProfile: (req: Request) => Promise<Response>;
  putProfile: (req: Request) => Promise<Response>;
  notAllowed: (req: Request) => Promise<Response>;
}

const HOST: Record<HostApi, { path: string; scopes: HostApiScopes; spec: BadgeSpec }> = {
  ob3: { path: "/ims/ob/v3p0", scopes: OB3_SCOPES, spec: "ob3" },
  clr2: { path: "/ims/clr/v2p0", scopes: CLR2_SCOPES, spec: "clr2" },
};

export function hostApi(api: HostApi, deps: ImsDeps = {}): HostApiHandlers {
  const { path, scopes, spec } = HOST[api];
  const run = (where: string, op: (r: Resolved) => Promise<Response>) => () =>
    answering("imsx", `ims.${api}.${where}`, async () => op(await resolve(deps)));
  return {
    discovery: run("discovery", async (r) =>
      jsonResponse(200, serviceDescription(api, r.origin, oauthEndpoints(r.origin)), {
        "cache-control": "public, max-age=300",
      }),
    ),
    getCredentials: (req) =>
      run("getCredentials", async (r) => {
        const ctx = await caller(req, scopes.credentialReadonly, r);
        const q = pageQuery(req);
        const page =
          api === "clr2"
            ? await listApiLearnerRecords(ctx.db, ctx.user.id, q)
            : await listApiCredentials(ctx.db, ctx.user.id, [spec], q);
        const credential: unknown[] = [];
        const compactJwsString: string[] = [];
        for (const row of page.rows) {
          const raw = row.raw.trim();
          if (JWS.test(raw)) compactJwsString.push(raw);
          else credential.push(JSON.parse(raw));
        }
        return jsonResponse(
          200,
          { credential, compactJwsString },
          pageHeaders(req, r, `${path}/credentials`, q, page.total),
        );
      })(),
    upsertCredential: (req) =>
      run("upsertCredential", async (r) => {
        const ctx = await caller(req, scopes.credentialUpsert, r);
        const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
        const text = await bodyText(req);
        let payload = text;
        if (type === "text/plain") {
          if (!JWS.test(text)) throw new ImsError("INVALID_PAYLOAD", "A text/plain body must be a compact JWS.");
        } else {
          const parsed = parseJson(text);
          if (typeof parsed === "string" && JWS.test(parsed)) payload = parsed;
          else if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
            throw new ImsError("INVALID_PAYLOAD", "The body must be one credential as a JSON object.");
        }
        const done = await upsertIntoWallet(ctx, payload, [spec], "paste");
        const isJws = JWS.test(payload);
        return new Response(isJws ? payload : text, {
          status: done.created ? 201 : 200,
          headers: {
            "content-type": isJws ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
            "cache-control": "no-store",
          },
        });
      })(),
    getProfile: (req) =>
      run("getProfile", async (r) => {
        const ctx = await caller(req, scopes.profileReadonly, r);
        return jsonResponse(200, ob3Profile(await learnerProfile(ctx)));
      })(),
    putProfile: (req) =>
      run("putProfile", async (r) => {
        const ctx = await caller(req, scopes.profileUpdate, r);
        const body = parseJson(await bodyText(req));
        if (!body || typeof body !== "object" || Array.isArray(body))
          throw new ImsError("INVALID_PAYLOAD", "The body must be a Profile as a JSON object.");
        const name = (body as { name?: unknown }).name;
        if (name !== undefined) {
          const parsed = nameSchema.safeParse(typeof name === "string" ? name : "");
          if (!parsed.success)
            throw new ImsError("INVALID_NAME", `name must be one line of 1 to ${MAX_NAME} characters.`);
          await setLearnerName(ctx.db, ctx.user.id, parsed.data);
        }
        return jsonResponse(200, ob3Profile(await learnerProfile(ctx)));
      })(),
    notAllowed: (req) =>
      answering("imsx", `ims.${api}`, async () => {
        throw new ImsError("IMS_METHOD_NOT_ALLOWED", `${req.method} isn't allowed here.`, 405);
      }),
  };
}

// ---- The OB 2.1 Badge Connect API (Moodle's "external backpack", API version 2.1) --------

export interface BadgeConnectHandlers {
  discovery: (req: Request) => Promise<Response>;
  getAssertions: (req: Request) => Promise<Response>;
  postAssertion: (req: Request) => Promise<Response>;
  getProfile: (req: Request) => Promise<Response>;
  notAllowed: (req: Request) => Promise<Response>;
}

const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * The text postAssertion imports: `{"signedAssertion": "<JWS>"}` as the JWS; `{"assertion": {...}}` (what Moodle
 * sends: the whole assertion, id = its hosted URL) as the hosted URL for hosted verification, so the issuer's own
 * copy is read through the SSRF-safe fetcher, else as the assertion's JSON.
 */
export function postedAssertionText(body: unknown): string {
  const b = body as { assertion?: unknown; signedAssertion?: unknown } | null;
  if (b && typeof b.signedAssertion === "string") {
    if (!JWS.test(b.signedAssertion.trim()))
      throw new ImsError("INVALID_PAYLOAD", "signedAssertion must be a compact JWS.");
    return b.signedAssertion.trim();
  }
  const a = b?.assertion as
    { id?: unknown; verification?: { type?: unknown }; verify?: { type?: unknown } } | undefined;
  if (!a || typeof a !== "object" || Array.isArray(a))
    throw new ImsError("INVALID_PAYLOAD", 'The body must be {"assertion": {…}} or {"signedAssertion": "<JWS>"}.');
  const verification = String((a.verification ?? a.verify)?.type ?? "hosted").toLowerCase();
  if (typeof a.id === "string" && HTTP_URL.test(a.id) && verification.includes("hosted")) return a.id;
  return JSON.stringify(a);
}

export function badgeConnectApi(deps: ImsDeps = {}): BadgeConnectHandlers {
  const run = (where: string, _req: Request, op: (r: Resolved) => Promise<Response>) =>
    answering("ob21" as ApiStyle, `ims.ob21.${where}`, async () => op(await resolve(deps)));
  const ok = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    jsonResponse(200, { status: ob21Status(200, "OK"), ...body }, headers);
  return {
    discovery: (req) =>
      run("discovery", req, async (r) =>
        jsonResponse(200, badgeConnectManifest(r.origin, oauthEndpoints(r.origin)), {
          "cache-control": "public, max-age=300",
        }),
      ),
    getAssertions: (req) =>
      run("getAssertions", req, async (r) => {
        const ctx = await caller(req, OB21_SCOPES.assertionReadonly, r);
        const q = pageQuery(req);
        const page = await listApiCredentials(ctx.db, ctx.user.id, ["ob2"], q);
        // The assertion as read (a hosted one's fetched document, a signed one's payload); else its raw JSON.
        const results = page.rows.map((row) => {
          const raw = row.raw.trim();
          if (row.assertion && typeof row.assertion === "object") return row.assertion;
          return JWS.test(raw) ? jwsPayload(raw) : raw.startsWith("{") ? JSON.parse(raw) : { id: raw };
        });
        return ok({ results }, pageHeaders(req, r, `${OB21_API_BASE}/assertions`, q, page.total));
      }),
    postAssertion: (req) =>
      run("postAssertion", req, async (r) => {
        const ctx = await caller(req, OB21_SCOPES.assertionCreate, r);
        const text = postedAssertionText(parseJson(await bodyText(req)));
        await upsertIntoWallet(ctx, text, ["ob2"], HTTP_URL.test(text) ? "url" : "paste");
        // Moodle reads status.statusCode == 200 as success, for a new assertion as for one sent again.
        return ok({});
      }),
    getProfile: (req) =>
      run("getProfile", req, async (r) => {
        const ctx = await caller(req, OB21_SCOPES.profileReadonly, r);
        const p = await learnerProfile(ctx);
        return ok({
          profile: {
            "@context": "https://w3id.org/openbadges/v2",
            id: p.id,
            type: "Profile",
            name: p.name,
            ...(p.email ? { email: p.email } : {}),
          },
        });
      }),
    notAllowed: (req) =>
      answering("ob21", "ims.ob21", async () => {
        throw new ImsError("IMS_METHOD_NOT_ALLOWED", `${req.method} isn't allowed here.`, 405);
      }),
  };
}
