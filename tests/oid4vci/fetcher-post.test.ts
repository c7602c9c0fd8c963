// The one SSRF-safe fetcher's POST (added for OpenID4VCI's token and credential requests, issue #22):
// the body and headers reach the server, a POST is never answered from the GET cache, a redirect is
// answered as it is (never re-sent elsewhere), and the address rules hold as for a GET.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createFetcher } from "@/lib/net/fetcher";
import { codeOf } from "../support/errors";

let server: http.Server;
let hostPort = "";
const seen: Array<{ method: string; path: string; type: string; auth: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const body = Buffer.concat(parts).toString();
      seen.push({
        method: req.method ?? "",
        path: req.url ?? "",
        type: String(req.headers["content-type"] ?? ""),
        auth: String(req.headers.authorization ?? ""),
        body,
      });
      if (req.url === "/moved") {
        res.writeHead(307, { location: "/elsewhere" });
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ n: seen.length, echo: body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("fetcher POST", () => {
  it("sends the body and headers, is never cached, and doesn't follow a redirect", async () => {
    const f = createFetcher({ allowHosts: [hostPort] });
    const url = `http://${hostPort}/token`;
    const post = {
      method: "POST" as const,
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer t" },
      body: "a=1&b=2",
    };
    const one = await f(url, post);
    const two = await f(url, post);
    expect(JSON.parse(one.text)).toMatchObject({ echo: "a=1&b=2" });
    expect(JSON.parse(two.text).n).toBe(JSON.parse(one.text).n + 1);
    expect(seen.filter((s) => s.path === "/token")).toEqual([
      { method: "POST", path: "/token", type: "application/x-www-form-urlencoded", auth: "Bearer t", body: "a=1&b=2" },
      { method: "POST", path: "/token", type: "application/x-www-form-urlencoded", auth: "Bearer t", body: "a=1&b=2" },
    ]);
    const moved = await f(`http://${hostPort}/moved`, post);
    expect(moved.status).toBe(307);
    expect(seen.some((s) => s.path === "/elsewhere")).toBe(false);
  });

  it("refuses a private address or plain http that isn't allow-listed, before sending anything", async () => {
    const before = seen.length;
    const strict = createFetcher();
    expect(await codeOf(strict(`http://${hostPort}/token`, { method: "POST", body: "x" }))).toBe("FETCH_BLOCKED");
    expect(await codeOf(strict("https://10.0.0.1/token", { method: "POST", body: "x" }))).toBe("FETCH_BLOCKED");
    expect(seen.length).toBe(before);
  });
});
