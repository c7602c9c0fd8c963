// The connecting socket's address, stamped on every request before Next.js sees
// it. Next passes route handlers, server actions and next-auth only headers (its
// own X-Forwarded-For is filled from the socket only when the client sent none,
// so a client-written value would win). Node publishes each incoming request on
// the "http.server.request.start" diagnostics channel before the 'request' event;
// there we overwrite PEER_HEADER with the socket's address, so a copy sent by the
// client never survives. Installed from instrumentation.ts (same process as the
// HTTP server under `next start`).
import dc from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-sash-peer";

const g = globalThis as unknown as { __sashPeerStamp?: boolean };

function stamp(message: unknown): void {
  const { request, socket } = message as { request?: IncomingMessage; socket?: Socket };
  if (!request) return;
  const address = (socket ?? request.socket)?.remoteAddress;
  if (address) request.headers[PEER_HEADER] = address;
  else delete request.headers[PEER_HEADER];
}

/** Idempotent: one subscription per process. */
export function installPeerStamp(): void {
  if (g.__sashPeerStamp) return;
  g.__sashPeerStamp = true;
  dc.subscribe("http.server.request.start", stamp);
}

export function peerStampInstalled(): boolean {
  return g.__sashPeerStamp === true;
}
