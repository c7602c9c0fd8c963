// The process's own handlers of the APIs Sash hosts (issue #22 §1), for app/ims/** and /.well-known/badgeconnect.json:
// bound to the process database, the SSRF-safe fetcher and the public origin; the options every one of those routes
// gives route() (public: the bearer token, not the session, says who is calling; no same-origin check, the callers
// are other servers; failures in the API's own error shape).
import "server-only";
import type { RouteOptions } from "@/server/http/wrap";
import { badgeConnectApi, hostApi } from "./api";
import { imsxOnError, ob21OnError } from "./respond";

export const ob3Api = hostApi("ob3");
export const clr2Api = hostApi("clr2");
export const ob21Api = badgeConnectApi();

type PublicRouteOptions = Extract<RouteOptions, { auth: "public" }>;

export function imsRouteOptions(where: string): PublicRouteOptions {
  return { auth: "public", sameOrigin: false, where, onError: imsxOnError };
}

export function ob21RouteOptions(where: string): PublicRouteOptions {
  return { auth: "public", sameOrigin: false, where, onError: ob21OnError };
}
