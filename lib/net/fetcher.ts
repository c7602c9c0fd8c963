// The one SSRF-safe HTTP client for all of Sash. Every outgoing request goes through here.
//
// Policy (issue #3 "Network"):
// - https only; an http:// address is tried as https first (issue #20), and over plain http only for
//   the allow-listed hosts a caller passes (server/net.ts: SASH_ALLOW_FETCH_HOSTS).
// - We resolve DNS ourselves, refuse loopback/private/link-local/multicast/unspecified/CGNAT/
//   ULA/mapped addresses, then connect to exactly the address we checked (a custom `lookup`
//   pins it, so a second, rebinding DNS answer is never used). Every redirect hop is checked
//   again; at most 3 redirects.
// - 5 s for the whole request, redirects included; 1 MiB body cap counted while streaming.
// - JSON or JWS text only by default (badge data); `accept: "page"` takes web pages and sitemaps
//   instead (HTML, XML, JSON-LD, plain text; never binary) for the job-posting readers.
// - One cache per fetcher (create one fetcher per import).
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import { cachedLookup } from "./dns-cache";
import { isIP, type LookupFunction } from "node:net";
import type { FetchedDocument } from "@/lib/badges/types";
import { FetchError } from "./errors";
import { isBlockedAddress } from "./address";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Injectable so tests never touch real DNS. */
export type DnsLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetcherOptions {
  /** "host:port" entries allowed through even when private, and over http. Default: none (server/net.ts passes SASH_ALLOW_FETCH_HOSTS). */
  allowHosts?: string[];
  lookup?: DnsLookup;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Extra request headers (e.g. a contact address in User-Agent). */
  userAgent?: string;
  /** "data" (default): JSON, JSON-LD or a compact JWS. "page": an HTML page, an XML sitemap, JSON(-LD) or plain text. */
  accept?: "data" | "page";
  /** PEM certificates trusted for https instead of Node's bundled roots (tests' own https servers). Default: Node's roots. */
  ca?: string;
}

/**
 * A POST through the same policy (OpenID4VCI token and credential requests, issue #22): never cached,
 * redirects not followed (a 3xx is answered as it is), the same address rules, time and byte caps.
 */
export interface FetchRequest {
  method: "POST";
  /** Extra request headers (content-type, authorization, …); accept and user-agent are the fetcher's own unless given. */
  headers?: Record<string, string>;
  body: string;
}

/** A Fetcher that can also POST (lib/badges only ever GETs, so `Fetcher` stays GET-only). */
export type HttpFetcher = (url: string, request?: FetchRequest) => Promise<FetchedDocument>;

export const FETCH_DEFAULTS = {
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 3,
} as const;

const ACCEPT = "application/ld+json, application/json;q=0.9, application/jwt;q=0.8, text/plain;q=0.5";
const ACCEPT_PAGE =
  "text/html, application/xhtml+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/ld+json;q=0.7, text/plain;q=0.5";

/** Parses SASH_ALLOW_FETCH_HOSTS ("host:port,host2:port2") into normalised "host:port" keys. */
export function parseAllowHosts(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
}

// Shared by every fetcher in the process, with in-flight sharing and a short memory (lib/net/dns-cache.ts).
const defaultLookup: DnsLookup = cachedLookup(async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
});

function hostKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname.toLowerCase()}:${port}`;
}

/** Strips IPv6 brackets from URL.hostname ("[::1]" → "::1"). */
function bareHost(url: URL): string {
  const h = url.hostname;
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/** JSON, JSON-LD, JWT/JWS or plain text (checked by content below). */
function isAcceptableType(contentType: string): boolean {
  const t = contentType.split(";")[0]!.trim().toLowerCase();
  if (t === "") return true; // decided by sniffing the body
  return (
    t === "application/json" ||
    t === "application/ld+json" ||
    t.endsWith("+json") ||
    t === "application/jwt" ||
    t === "application/oauth-authz-req+jwt" || // an OpenID4VP Request Object (RFC 9101)
    t === "application/jose" ||
    t === "application/jws" ||
    t === "text/plain" ||
    t === "text/json"
  );
}

/** A web page, a sitemap, JSON(-LD) or plain text: what the job-posting readers take. */
function isPageType(contentType: string): boolean {
  const t = contentType.split(";")[0]!.trim().toLowerCase();
  return (
    t === "" ||
    t === "text/html" ||
    t === "application/xhtml+xml" ||
    t === "application/xml" ||
    t === "text/xml" ||
    t.endsWith("+xml") ||
    t === "application/json" ||
    t === "application/ld+json" ||
    t === "text/plain"
  );
}

/** Decodes a page by its declared charset (UTF-8 when none or unknown). */
function decodePage(bytes: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  return bytes.toString("utf8");
}

const JWS_TEXT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The body must look like JSON or a compact JWS, whatever the header claimed. */
function looksLikeJsonOrJws(text: string): boolean {
  const t = text.replace(/^\uFEFF/, "").trim();
  if (t.startsWith("{") || t.startsWith("[")) return true;
  return JWS_TEXT.test(t);
}

/**
 * Creates a Fetcher (see lib/badges/types.ts). It resolves for any HTTP status and rejects with
 * a FetchError only when the request is refused, times out, is too big, has the wrong type or
 * fails on the network. Results are cached per URL for the fetcher's lifetime.
 */
export function createFetcher(options: FetcherOptions = {}): HttpFetcher {
  const allow = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase()));
  const lookup = options.lookup ?? defaultLookup;
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const userAgent = options.userAgent ?? "Sash/0.1 (Open Badges wallet)";
  const pages = options.accept === "page";
  const acceptable = pages ? isPageType : isAcceptableType;
  const what = pages ? "a web page" : "badge data";
  const cache = new Map<string, Promise<FetchedDocument>>();

  async function checkTarget(
    url: URL,
    original: string,
    memo: Map<string, Promise<ResolvedAddress[]>>,
  ): Promise<ResolvedAddress> {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new FetchError("FETCH_BLOCKED", original, `Only https links can be fetched (got ${url.protocol}).`);
    }
    if (url.username || url.password) {
      throw new FetchError("FETCH_BLOCKED", original, "Links with a user name or password are not fetched.");
    }
    const allowed = allow.has(hostKey(url));
    if (url.protocol === "http:" && !allowed) {
      throw new FetchError("FETCH_BLOCKED", original, "Only https links can be fetched.");
    }
    const host = bareHost(url);
    let addresses: ResolvedAddress[];
    const literal = isIP(host);
    if (literal) {
      addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    } else {
      try {
        let pending = memo.get(host);
        if (!pending) {
          pending = lookup(host);
          memo.set(host, pending);
        }
        addresses = await pending;
      } catch (err) {
        throw new FetchError("FETCH_NETWORK", original, `Could not find the server ${host}.`, { cause: err });
      }
      if (addresses.length === 0) throw new FetchError("FETCH_NETWORK", original, `Could not find the server ${host}.`);
    }
    if (!allowed) {
      // Refuse when ANY answer is internal: a mixed answer is a classic rebinding set-up.
      const bad = addresses.find((a) => isBlockedAddress(a.address));
      if (bad) {
        throw new FetchError(
          "FETCH_BLOCKED",
          original,
          `Refusing to fetch ${host}: it points to a private or reserved address.`,
        );
      }
    }
    return addresses[0]!;
  }

  function requestOnce(
    url: URL,
    target: ResolvedAddress,
    original: string,
    signal: AbortSignal,
    request: FetchRequest | undefined,
  ): Promise<{
    status: number;
    location: string | null;
    contentType: string;
    text: string;
  }> {
    return new Promise((resolve, reject) => {
      // Pin the connection to the address we checked; Node may ask for all addresses (autoSelectFamily).
      const pinned: LookupFunction = (_hostname, opts, callback) => {
        if (opts && (opts as { all?: boolean }).all) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
        } else {
          callback(null, target.address, target.family);
        }
      };
      const mod = url.protocol === "https:" ? https : http;
      const req = mod.request(
        url,
        {
          method: request?.method ?? "GET",
          agent: false,
          lookup: pinned,
          headers: {
            accept: pages ? ACCEPT_PAGE : ACCEPT,
            "user-agent": userAgent,
            ...request?.headers,
            "accept-encoding": "identity",
            ...(request ? { "content-length": String(Buffer.byteLength(request.body)) } : {}),
          },
          signal,
          ...(options.ca && url.protocol === "https:" ? { ca: options.ca } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const contentType = String(res.headers["content-type"] ?? "");
          const location = typeof res.headers.location === "string" ? res.headers.location : null;
          if (status >= 300 && status < 400 && location) {
            res.resume();
            resolve({ status, location, contentType, text: "" });
            return;
          }
          const ok = status >= 200 && status < 300;
          if (!acceptable(contentType)) {
            res.destroy();
            if (ok) {
              reject(
                new FetchError(
                  "FETCH_BAD_TYPE",
                  original,
                  `The link returned ${contentType.split(";")[0]} instead of ${what}.`,
                ),
              );
            } else {
              resolve({ status, location: null, contentType, text: "" });
            }
            return;
          }
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared) && declared > maxBytes) {
            res.destroy();
            reject(new FetchError("FETCH_TOO_LARGE", original, "The linked document is too large."));
            return;
          }
          const parts: Buffer[] = [];
          let received = 0;
          res.on("data", (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxBytes) {
              res.destroy();
              reject(new FetchError("FETCH_TOO_LARGE", original, "The linked document is too large."));
              return;
            }
            parts.push(chunk);
          });
          res.on("end", () => {
            const body = Buffer.concat(parts);
            if (pages) {
              // Binary content (an image or archive served as text/html) has NUL bytes; text never does.
              if (ok && body.includes(0)) {
                reject(new FetchError("FETCH_BAD_TYPE", original, "The link did not return a web page."));
                return;
              }
              resolve({ status, location: null, contentType, text: decodePage(body, contentType) });
              return;
            }
            const text = body.toString("utf8");
            if (ok && !looksLikeJsonOrJws(text)) {
              reject(
                new FetchError(
                  "FETCH_BAD_TYPE",
                  original,
                  "The link did not return badge data (JSON or a signed badge).",
                ),
              );
              return;
            }
            resolve({ status, location: null, contentType, text });
          });
          res.on("error", (err) => reject(wrapNetworkError(err, original, signal)));
        },
      );
      req.on("socket", (socket) => {
        socket.on("connect", () => {
          // Belt and braces: the peer must be the address we checked.
          const peer = socket.remoteAddress;
          if (peer && peer.replace(/^::ffff:/, "") !== target.address.replace(/^::ffff:/, "")) {
            req.destroy(new FetchError("FETCH_BLOCKED", original, "Connected to an unexpected address."));
          }
        });
      });
      req.on("error", (err) => reject(wrapNetworkError(err, original, signal)));
      req.end(request?.body);
    });
  }

  /** One request with its redirects, on its own clock; `memo` keeps one DNS answer per host for the whole fetch. */
  async function fetchFrom(
    start: URL,
    original: string,
    budgetMs: number,
    memo: Map<string, Promise<ResolvedAddress[]>>,
    request: FetchRequest | undefined,
  ): Promise<FetchedDocument> {
    let url = start;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    try {
      for (let hop = 0; ; hop++) {
        const target = await raceAbort(checkTarget(url, original, memo), controller.signal, original);
        const res = await requestOnce(url, target, original, controller.signal, request);
        if (res.location !== null && !request) {
          if (hop >= maxRedirects) {
            throw new FetchError("FETCH_TOO_MANY_REDIRECTS", original, "The link redirected too many times.");
          }
          try {
            url = new URL(res.location, url);
          } catch {
            throw new FetchError("FETCH_TOO_MANY_REDIRECTS", original, "The link redirected to an invalid address.");
          }
          continue;
        }
        return { url: url.toString(), status: res.status, contentType: res.contentType, text: res.text };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchUncached(original: string, request?: FetchRequest): Promise<FetchedDocument> {
    let url: URL;
    try {
      url = new URL(original);
    } catch {
      throw new FetchError("FETCH_INVALID_URL", original, "This is not a valid web address.");
    }
    const memo = new Map<string, Promise<ResolvedAddress[]>>();
    if (url.protocol !== "http:") return fetchFrom(url, original, timeoutMs, memo, request);
    // Issue #20: an http:// address (common in OB 1.0/2.0 badges) is tried over https first;
    // plain http only for a host SASH_ALLOW_FETCH_HOSTS allows.
    const plainAllowed = allow.has(hostKey(url));
    const began = Date.now();
    const secure = new URL(url.toString());
    secure.protocol = "https:";
    try {
      return await fetchFrom(secure, original, plainAllowed ? Math.ceil(timeoutMs / 2) : timeoutMs, memo, request);
    } catch (err) {
      const code = err instanceof FetchError ? err.code : "FETCH_NETWORK";
      const unanswered = code === "FETCH_NETWORK" || code === "FETCH_TIMEOUT" || code === "FETCH_BLOCKED";
      if (!unanswered) throw err;
      if (!plainAllowed) {
        throw new FetchError(
          "FETCH_BLOCKED",
          original,
          `Only https links can be fetched, and ${secure.host} didn't answer over https.`,
          { cause: err },
        );
      }
    }
    // The one time budget covers both tries: http gets what https left.
    return fetchFrom(url, original, Math.max(1, timeoutMs - (Date.now() - began)), memo, request);
  }

  return (url: string, request?: FetchRequest) => {
    if (request) return fetchUncached(url, request);
    let pending = cache.get(url);
    if (!pending) {
      pending = fetchUncached(url);
      cache.set(url, pending);
    }
    return pending;
  };
}

function wrapNetworkError(err: unknown, url: string, signal: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  if (signal.aborted)
    return new FetchError("FETCH_TIMEOUT", url, "The issuer's server took too long to answer.", { cause: err });
  return new FetchError("FETCH_NETWORK", url, "Could not reach the issuer's server.", { cause: err });
}

/** Lets the timeout also cover DNS resolution. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal, url: string): Promise<T> {
  if (signal.aborted)
    return Promise.reject(new FetchError("FETCH_TIMEOUT", url, "The issuer's server took too long to answer."));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FetchError("FETCH_TIMEOUT", url, "The issuer's server took too long to answer."));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
