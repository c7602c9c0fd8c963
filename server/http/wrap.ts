// The one wrapper every route handler goes through (issue #19), as server actions go through authedAction
// (server/actions.ts): the same-origin check for state-changing methods, the session check, and one way to turn a
// failure into an answer — a coded JSON error (the AppError's code and learner message when it is exposed,
// "Something went wrong (reference X)" with the details in the server log otherwise), or, for public pages and
// downloads, the 503 page while the database is unreachable and Next's own error page for anything else.
//
//   export const POST = route({ auth: "learner", sameOrigin: true, where: "upload" }, async (req, { user }) => …);
//
// ESLint (eslint.config.mjs) fails when an app/**/route.ts exports a handler any other way (next-auth's own excepted).
// route() itself, bound to next-auth's session, is server/http/route.ts.
import type { SessionUser } from "@/server/auth/session";
import { isNextControlFlow, orUnavailable, toPublicFailure, type PublicFailure } from "@/server/errors";
import { publicOrigin } from "@/server/request/origin";

/** Methods that change nothing: the same-origin check never applies to them. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface CommonOptions {
  /**
   * Only requests whose Origin header is Sash's configured public origin (never one derived from forwarded headers)
   * may use a state-changing method: route handlers get no built-in CSRF check (server actions do).
   */
  sameOrigin: boolean;
  /** Names the route in the server log when a failure is logged under a reference. */
  where: string;
  /**
   * "json" (default): a coded JSON error `{ ok: false, code, message }` with the failure's status.
   * "page": public pages and downloads — the 503 page while the database is unreachable (and this process's pages
   * switched to it, server/db-health.ts), anything else left to Next's error page.
   */
  errors?: "json" | "page";
  /** The answer for a failure in "json" mode, when the route answers differently (a redirect back to a form). */
  onError?: (failure: PublicFailure, req: Request) => Response;
  /** The answer for a request from another origin (default: 403 FORBIDDEN as coded JSON). */
  forbidden?: (req: Request) => Response;
}

interface LearnerOptions extends CommonOptions {
  auth: "learner";
  /** The answer for a signed-out visitor (default: 401 UNAUTHENTICATED as coded JSON). */
  unauthenticated?: (req: Request) => Response;
}

interface PublicOptions extends CommonOptions {
  auth: "public";
}

export type RouteOptions = LearnerOptions | PublicOptions;

/** What a handler gets besides the request: the route's params (awaited) and, for learner routes, the learner. */
export interface RouteContext<P, U> {
  params: P;
  user: U;
}

/** The shape Next.js calls a route handler with. */
export type RouteHandler<P> = (req: Request, context: { params: Promise<P> }) => Promise<Response>;

/** A JSON answer that is never cached or sniffed; `headers` adds to (or overrides) those. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}

/** The coded JSON error every route answers by default: `{ ok: false, code, message }`. */
export function jsonError(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { ok: false, code, message }, headers);
}

const defaultForbidden = () => jsonError(403, "FORBIDDEN", "This request didn't come from Sash.");
const defaultUnauthenticated = () => jsonError(401, "UNAUTHENTICATED", "Your session has ended. Please sign in again.");

/** Whether `req` may go on: a safe method, or sent by a page of Sash's own public origin. */
export function fromSameOrigin(req: Request): boolean {
  return SAFE_METHODS.has(req.method.toUpperCase()) || req.headers.get("origin") === publicOrigin();
}

/** route(): a learner route's handler gets the signed-in learner, a public route's gets null. */
export interface Route {
  <P extends object = object>(
    opts: LearnerOptions,
    handler: (req: Request, ctx: RouteContext<P, SessionUser>) => Promise<Response>,
  ): RouteHandler<P>;
  <P extends object = object>(
    opts: PublicOptions,
    handler: (req: Request, ctx: RouteContext<P, null>) => Promise<Response>,
  ): RouteHandler<P>;
}

/**
 * The wrapper, given how to read the session (server/http/route.ts binds next-auth's; tests give their own, since
 * next-auth needs a Next request scope).
 */
export function routeWith(currentUser: () => Promise<SessionUser | null>): Route {
  function route<P extends object>(
    opts: RouteOptions,
    learnerOrPublicHandler:
      | ((req: Request, ctx: RouteContext<P, SessionUser>) => Promise<Response>)
      | ((req: Request, ctx: RouteContext<P, null>) => Promise<Response>),
  ): RouteHandler<P> {
    // The overloads pair a learner handler with a signed-in user and a public one with null.
    const handler = learnerOrPublicHandler as (
      req: Request,
      ctx: RouteContext<P, SessionUser | null>,
    ) => Promise<Response>;
    return async (req, context) => {
      if (opts.sameOrigin && !fromSameOrigin(req)) return (opts.forbidden ?? defaultForbidden)(req);
      const failed = (e: unknown): Response => {
        // Next.js control flow (redirect/notFound) must propagate.
        if (isNextControlFlow(e)) throw e;
        // Only exposed messages reach the learner; anything else is logged under a reference (never the request).
        const failure = toPublicFailure(e, opts.where);
        return opts.onError ? opts.onError(failure, req) : jsonError(failure.status, failure.code, failure.message);
      };
      let user: SessionUser | null = null;
      if (opts.auth === "learner") {
        // The session is checked against the account (issue #21 §2): with the database down that
        // check fails like any other statement, and is answered the same way (DATABASE_UNAVAILABLE).
        try {
          user = await currentUser();
        } catch (e) {
          return opts.errors === "page" ? orUnavailable(() => Promise.reject(e)) : failed(e);
        }
        if (!user) return (opts.unauthenticated ?? defaultUnauthenticated)(req);
      }
      const params = ((await context?.params) ?? {}) as P;
      if (opts.errors === "page") return orUnavailable(() => handler(req, { params, user }));
      try {
        return await handler(req, { params, user });
      } catch (e) {
        return failed(e);
      }
    };
  }
  return route as Route;
}
