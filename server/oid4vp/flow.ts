// The app-facing OpenID4VP flow (issue #22 §3): the page opens a verifier's request (fetched and
// authenticated once), shows who asks and what, and seals the checked request into the form — AES-256-GCM
// under a key derived from AUTH_SECRET, bound to the learner, 10 minutes — so "Share" / "Decline" answer
// exactly the request the learner saw, without fetching it again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { describeDcql, describeDescriptor, type DcqlCredentialQuery, type InputDescriptor } from "@/lib/oid4vp/match";
import { linkFromParams, Oid4vpError, readRequestLink, type AuthorizationRequest } from "@/lib/oid4vp/request";
import { authSecret } from "@/server/auth/secret";
import { getDb } from "@/server/db";
import { appFetcher } from "@/server/net";
import { matchRequest, resolveRequest, satisfiable, sendError, share, type Candidate } from "./present";

const SEAL_MAX_AGE_MS = 10 * 60 * 1000;

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), "sash oid4vp", "verifier request v1", 32));
}

export function sealRequest(userId: string, request: unknown, now = new Date(), secret = authSecret()) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const plain = JSON.stringify({ request, exp: now.getTime() + SEAL_MAX_AGE_MS });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function openRequest(
  userId: string,
  sealed: string,
  now = new Date(),
  secret = authSecret(),
): AuthorizationRequest {
  try {
    const all = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(secret), all.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(all.subarray(all.length - 16));
    const plain = Buffer.concat([decipher.update(all.subarray(12, all.length - 16)), decipher.final()]).toString();
    const p = JSON.parse(plain) as { request: AuthorizationRequest; exp: number };
    if (typeof p.exp !== "number" || p.exp < now.getTime()) throw new Error("expired");
    return p.request;
  } catch (cause) {
    throw new Oid4vpError("OID4VP_EXPIRED", undefined, { cause });
  }
}

export interface VerifierRequestView {
  sealed: string;
  prefix: string;
  vouchedBy: string;
  trust: string;
  clientName: string | null;
  purpose: string | null;
  queries: Array<{ id: string; kind: string; claims: string[]; candidates: Candidate[] }>;
  /** False when the learner has nothing that answers it: the verifier was told (access_denied). */
  satisfiable: boolean;
}

/** The request link from the page's query (`link`, or the OpenID4VP parameters themselves), or null. */
export function verifierLinkFrom(params: Record<string, string | string[] | undefined>): string | null {
  if (typeof params.link === "string" && params.link.trim()) return params.link;
  return linkFromParams(params);
}

/**
 * Opens a verifier's request for the signed-in learner. Throws an Oid4vpError (coded) when it can't be
 * read, fetched or authenticated. When nothing in the wallet answers it, the verifier gets the protocol's
 * error at once (access_denied), so it doesn't wait.
 */
export async function openVerifierRequest(user: { id: string }, link: string): Promise<VerifierRequestView> {
  const http = appFetcher();
  const request = await resolveRequest(http, readRequestLink(link));
  const db = await getDb();
  const matches = await matchRequest(db, user.id, request);
  const ok = satisfiable(request, matches);
  if (!ok) {
    await sendError(http, request, "access_denied", "The wallet holds no credential matching the query.").catch(
      () => null,
    );
  }
  return {
    sealed: sealRequest(user.id, request),
    prefix: request.prefix,
    vouchedBy: request.vouchedBy,
    trust: request.trust,
    clientName: request.clientName,
    purpose: request.definition?.purpose ?? null,
    satisfiable: ok,
    queries: matches.map((m) => {
      const words = request.dcql
        ? describeDcql(m.query as DcqlCredentialQuery)
        : describeDescriptor(m.query as InputDescriptor);
      return { id: m.id, ...words, candidates: m.candidates };
    }),
  };
}

/** "Share" (with the learner's pick per query) or "Decline". Returns where to send the browser next, if the verifier said. */
export async function answerVerifierRequest(
  user: { id: string },
  sealed: string,
  action: "share" | "decline",
  chosen: Record<string, string>,
): Promise<{ redirectUri: string | null }> {
  const request = openRequest(user.id, sealed);
  const http = appFetcher();
  if (action === "decline") return sendError(http, request, "access_denied");
  if (Object.keys(chosen).length === 0) {
    throw new AppError("PRESENTATION_EMPTY", "Choose at least one credential to present.", { expose: true });
  }
  return share(await getDb(), http, user.id, request, chosen);
}

/**
 * The verifier's redirect_uri after an answer, sealed for the learner: the page's form-action CSP
 * ('self') doesn't let a form's redirect leave Sash, so the page shows it as a "Continue" link. Sealed,
 * so a crafted /wallet/present link can't make Sash show someone else's address.
 */
export function sealNext(user: { id: string }, redirectUri: string): string {
  return sealRequest(user.id, redirectUri);
}

export function continueLinkFor(user: { id: string }, sealed: string): string | null {
  try {
    const uri = openRequest(user.id, sealed) as unknown;
    return typeof uri === "string" && /^https?:\/\//.test(uri) ? uri : null;
  } catch {
    return null;
  }
}
