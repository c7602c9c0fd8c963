// The app's public origin: from configuration only (server/config.ts publicOriginOf), never
// from request headers a client or an unvetted proxy could write. Mail links, share and Open
// Graph links, redirects and the same-origin checks all use this one function.
import { configFrom, publicOriginOf, type Env } from "@/server/config";

export function publicOrigin(env?: Env): string {
  return publicOriginOf(configFrom(env));
}
