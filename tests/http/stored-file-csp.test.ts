// Stored files keep their own CSP (issue #25 §5d). A learner's uploaded SVG served from
// /wallet/c/<id>/file must carry `default-src 'none'`, but proxy.ts runs first and sets the app's
// CSP on every app response — and Next.js keeps the proxy's header over the route handler's
// (router-server sets the proxy's response headers, then send-response.js adds only the handler's
// headers not set yet). Checked here with proxy() itself and Next's own sendResponse on a real
// HTTP server on 127.0.0.1, doing what `next start` does with the two sets of headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { NodeNextRequest, NodeNextResponse } from "next/dist/server/base-http/node";
import { sendResponse } from "next/dist/server/send-response";
import { proxy } from "@/proxy";
import { appCsp, isStoredFilePath, securityHeadersFor, STORED_FILE_CSP } from "@/lib/security/headers";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

function proxyHeaders(path: string): Headers {
  const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
  return res.headers;
}

/**
 * What a browser gets for `path` when the route handler answers `routeResponse`: the proxy's
 * response headers applied first (as router-server does with res.setHeader), then Next's own
 * sendResponse with the handler's Response.
 */
async function served(path: string, routeResponse: () => Response): Promise<Headers> {
  const fromProxy = proxyHeaders(path);
  const server = http.createServer((req, res) => {
    fromProxy.forEach((value, name) => {
      if (!name.startsWith("x-middleware-")) res.setHeader(name, value);
    });
    void sendResponse(new NodeNextRequest(req), new NodeNextResponse(res), routeResponse());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    await res.arrayBuffer();
    return res.headers;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

const svgResponse = () =>
  new Response(SVG, {
    headers: { "content-type": "image/svg+xml", "content-security-policy": STORED_FILE_CSP },
  });

describe("stored files are served with their own default-src 'none' CSP", () => {
  it("knows the stored-file routes", () => {
    expect(isStoredFilePath("/wallet/c/0b7f1c2e-1111-4222-8333-944445555666/file")).toBe(true);
    expect(isStoredFilePath("/wallet/r/0b7f1c2e-1111-4222-8333-944445555666/file")).toBe(true);
    expect(isStoredFilePath("/wallet/c/abc")).toBe(false);
    expect(isStoredFilePath("/wallet/c/abc/file/x")).toBe(false);
    expect(isStoredFilePath("/wallet")).toBe(false);
  });

  it("securityHeadersFor gives a stored file STORED_FILE_CSP and every other page the app's", () => {
    const csp = appCsp("n0nce");
    expect(securityHeadersFor("/wallet/c/abc/file", csp)["Content-Security-Policy"]).toBe(STORED_FILE_CSP);
    expect(securityHeadersFor("/wallet", csp)["Content-Security-Policy"]).toBe(csp);
    expect(STORED_FILE_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(securityHeadersFor("/wallet/c/abc/file", csp)["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("proxy() puts STORED_FILE_CSP, not the app's nonce policy, on stored-file responses", () => {
    for (const path of ["/wallet/c/abc/file", "/wallet/r/abc/file"]) {
      const h = proxyHeaders(path);
      expect(h.get("content-security-policy"), path).toBe(STORED_FILE_CSP);
      expect(h.get("x-content-type-options")).toBe("nosniff");
    }
    const page = proxyHeaders("/wallet");
    expect(page.get("content-security-policy")).toContain("'nonce-");
    expect(page.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("an SVG served through proxy + route reaches the browser with default-src 'none'", async () => {
    const h = await served("/wallet/c/abc/file", svgResponse);
    expect(h.get("content-type")).toBe("image/svg+xml");
    expect(h.get("content-security-policy")).toBe(STORED_FILE_CSP);
    expect(h.get("content-security-policy")).not.toContain("'self'");
  });

  it("(why: the proxy's header wins over the route handler's)", async () => {
    const h = await served("/wallet", svgResponse);
    expect(h.get("content-security-policy")).toContain("default-src 'self'");
  });
});
