// The share-link server (issue #23 §3): the public /c/ and /r/ routes in a process of their own, without
// Next.js, for PostgreSQL deployments that want links opened by employers to stay fast while learners
// save. The app's route handlers (app/c/[slug]/…, app/r/[slug]) and this file both wrap the same functions
// (routes.ts); this file only routes a plain node:http request to them and writes their Response back. It serves the share
// routes and /api/health, nothing else: a deployment sends /c/ and /r/ here from its reverse proxy
// (README, "A real PostgreSQL").
//
// Why a process and not a route: during a burst of saves the app's request thread is busy, and every
// request Next.js routes costs about a millisecond of it; test:load measured share reads during 169 saves
// at 122–144 req/s from a second `next start`, against 1,000+ from a bare node:http process
// (docs/benchmarks.md, "Share links on a process of their own").
//
// Freshness is the same as on any instance: a listening connection drops a link's cached copies when
// its NOTIFY arrives (server/share/invalidation.ts), and until that connection is up nothing is cached.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { shareNotFound } from "./respond";
import { CREDENTIAL_SHARE_ROUTES, recordSharePage, type ShareRoute } from "./routes";
import { healthResponse } from "@/server/db-health";
import { orUnavailable, toPublicFailure } from "@/server/errors";
import { publicOrigin } from "@/server/request/origin";
import { somethingWentWrong } from "@/lib/errors";

const CREDENTIAL_ROUTES: Record<string, ShareRoute> = CREDENTIAL_SHARE_ROUTES;

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The answer to one request: a share route's, the health check's, or 404 / 405. */
export async function handleShareRequest(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/api/health")
    return req.method === "GET" || req.method === "HEAD" ? healthResponse() : notAllowed();
  const c = /^\/c\/([^/]{1,200})(?:\/(image|issuer-image|download|og))?\/?$/.exec(pathname);
  const r = c ? null : /^\/r\/([^/]{1,200})\/?$/.exec(pathname);
  const slug = decodeSegment((c ?? r)?.[1] ?? "");
  if (!slug) return shareNotFound();
  if (req.method !== "GET" && req.method !== "HEAD") return notAllowed();
  const handler = c ? CREDENTIAL_ROUTES[c[2] ?? ""]! : recordSharePage;
  try {
    // As the app's public routes (server/http, errors: "page"): the 503 page while the database is unreachable.
    return await orUnavailable(() => handler(req, slug));
  } catch (e) {
    const failure = toPublicFailure(e, "share server");
    return new Response(failure.status >= 500 ? somethingWentWrong(failure.reference ?? "") : failure.message, {
      status: failure.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}

function notAllowed(): Response {
  return new Response("Method not allowed", {
    status: 405,
    headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Gzipped share pages by ETag (each page changes its ETag when it changes), a few hundred at most. */
const gzipped = new Map<string, Buffer>();
const GZIP_KEPT = 500;

function gzipOnce(etag: string, body: Buffer): Buffer {
  let z = gzipped.get(etag);
  if (!z) {
    z = gzipSync(body);
    if (gzipped.size >= GZIP_KEPT) gzipped.delete(gzipped.keys().next().value!);
    gzipped.set(etag, z);
  }
  return z;
}

/** Writes a Web Response to node:http, gzipping HTML pages that carry an ETag when the client accepts it. */
async function send(res: http.ServerResponse, req: http.IncomingMessage, answer: Response): Promise<void> {
  let body: Buffer = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = {};
  answer.headers.forEach((v, k) => (headers[k] = v));
  const etag = answer.headers.get("etag");
  const html = (answer.headers.get("content-type") ?? "").startsWith("text/html");
  if (html && etag && answer.status === 200) {
    headers["vary"] = "Accept-Encoding"; // zipped or not, by what the client accepts: caches must keep both apart
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = gzipOnce(etag, body);
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** A node:http server answering the share routes (not listening yet). */
export function createShareServer(): http.Server {
  const server = http.createServer((req, res) => {
    const url = `${publicOrigin()}${req.url?.startsWith("/") ? req.url : "/"}`;
    const headers = new Headers();
    for (const name of ["accept", "accept-encoding", "if-none-match", "user-agent"]) {
      const v = req.headers[name];
      if (typeof v === "string") headers.set(name, v);
    }
    // Nothing here reads a body: what a client sends is drained and ignored.
    req.resume();
    let request: Request;
    try {
      request = new Request(url, { method: req.method ?? "GET", headers });
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad request");
      return;
    }
    handleShareRequest(request)
      .then((answer) => send(res, req, answer))
      .catch((e) => {
        const failure = toPublicFailure(e, "share server");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(somethingWentWrong(failure.reference ?? ""));
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}
