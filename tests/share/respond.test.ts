// The share page's bytes (issue #23 §3): gzip made once per cached page and sent to clients that
// take it (Next would otherwise gzip the same page for every reader), plain to the others, each
// form with its own validator, and 304 for the validator of the form the client would get.
import { gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
// "server-only" throws outside Next's react-server build; it is a marker, not code under test.
vi.mock("server-only", () => ({}));
const { acceptsGzip, shareNotFound, sharePageResponse } = await import("@/server/share/respond");

const page = {
  html: `<!doctype html><title>Teamwork</title><p>${"Café 東京 ".repeat(400)}</p>`,
  etag: '"v1abc"',
  indexable: true,
};
const get = (headers: Record<string, string> = {}) => new Request("https://sash.example/c/AbCd", { headers });

describe("share page responses", () => {
  it("sends the page gzipped to a client that takes gzip, the same bytes once unzipped", async () => {
    const res = await sharePageResponse(get({ "accept-encoding": "gzip, deflate, br" }), page);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("etag")).toBe('"v1abc-gz"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.byteLength).toBeLessThan(Buffer.byteLength(page.html) / 4);
    expect(gunzipSync(body).toString("utf8")).toBe(page.html);
  });

  it("sends it plain without Accept-Encoding, or with gzip refused (q=0)", async () => {
    for (const h of [{}, { "accept-encoding": "gzip;q=0, identity" }, { "accept-encoding": "br" }] as Array<
      Record<string, string>
    >) {
      const res = await sharePageResponse(get(h), page);
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(res.headers.get("etag")).toBe('"v1abc"');
      expect(await res.text()).toBe(page.html);
    }
  });

  it("answers 304 to the validator of the form it would send, and 200 to the other form's", async () => {
    const gz = { "accept-encoding": "gzip" };
    expect((await sharePageResponse(get({ ...gz, "if-none-match": '"v1abc-gz"' }), page)).status).toBe(304);
    expect((await sharePageResponse(get({ ...gz, "if-none-match": '"v1abc"' }), page)).status).toBe(200);
    expect((await sharePageResponse(get({ "if-none-match": '"v1abc"' }), page)).status).toBe(304);
    expect((await sharePageResponse(get({ "if-none-match": '"v1abc-gz"' }), page)).status).toBe(200);
  });

  it("the not-found page too, never cached", async () => {
    const res = await shareNotFound(get({ "accept-encoding": "gzip" }));
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const plain = await (await shareNotFound(get())).text();
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8")).toBe(plain);
  });

  it("reads Accept-Encoding as RFC 9110 §12.5.3 does", () => {
    const takes = (v: string) => acceptsGzip(get({ "accept-encoding": v }));
    expect(takes("gzip")).toBe(true);
    expect(takes("GZIP;q=0.5")).toBe(true);
    expect(takes("*")).toBe(true);
    expect(takes("gzip;q=0")).toBe(false);
    expect(takes("gzip; q=0.000")).toBe(false);
    expect(takes("deflate, br")).toBe(false);
    expect(takes("")).toBe(false);
  });
});
