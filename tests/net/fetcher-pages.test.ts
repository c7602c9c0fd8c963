// The fetcher's "page" mode (job postings, careers pages, sitemaps): web pages and XML come
// through, binary never does, and every bound and address rule of the badge mode still holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "@/lib/net/fetcher";
import { FetchError, type FetchErrorCode } from "@/lib/net/errors";
import { startServer, type TestServer } from "../support/net";

let server: TestServer;
let allow: string[];

const send =
  (type: string, body: string | Buffer, status = 200) =>
  (_q: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "content-type": type });
    res.end(body);
  };

beforeAll(async () => {
  server = await startServer({
    "/page": send("text/html; charset=utf-8", "<!doctype html><title>Jobs</title><p>Zoë</p>"),
    "/latin1": send("text/html; charset=iso-8859-1", Buffer.from([0x3c, 0x70, 0x3e, 0x5a, 0x6f, 0xeb])),
    "/sitemap": send("application/xml", '<?xml version="1.0"?><urlset></urlset>'),
    "/text-sitemap": send("text/xml", "<urlset/>"),
    "/ld": send("application/ld+json", '{"@type":"JobPosting"}'),
    "/png": send("image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
    "/pdf": send("application/pdf", "%PDF-1.7"),
    "/binary-as-html": send("text/html", Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02])),
    "/missing-page": send("text/html", "<h1>No such job</h1>", 404),
    "/huge": (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const piece = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    },
  });
  allow = [`127.0.0.1:${server.port}`];
});

afterAll(async () => {
  await server.close();
});

async function failure(p: Promise<unknown>): Promise<FetchErrorCode> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return (err as FetchError).code;
  }
  throw new Error("expected the fetch to fail");
}

describe("fetcher: page mode", () => {
  it("fetches HTML, XML sitemaps and JSON-LD, decoding the declared charset", async () => {
    const f = createFetcher({ allowHosts: allow, accept: "page" });
    expect(await f(`${server.origin}/page`)).toMatchObject({ status: 200, text: expect.stringContaining("Zoë") });
    expect((await f(`${server.origin}/latin1`)).text).toBe("<p>Zoë");
    expect((await f(`${server.origin}/sitemap`)).text).toContain("<urlset>");
    expect((await f(`${server.origin}/text-sitemap`)).text).toBe("<urlset/>");
    expect((await f(`${server.origin}/ld`)).text).toContain("JobPosting");
    expect(await f(`${server.origin}/missing-page`)).toMatchObject({ status: 404, text: "<h1>No such job</h1>" });
  });

  it("refuses images, PDFs and binary bodies labelled as HTML", async () => {
    const f = createFetcher({ allowHosts: allow, accept: "page" });
    expect(await failure(f(`${server.origin}/png`))).toBe("FETCH_BAD_TYPE");
    expect(await failure(f(`${server.origin}/pdf`))).toBe("FETCH_BAD_TYPE");
    expect(await failure(f(`${server.origin}/binary-as-html`))).toBe("FETCH_BAD_TYPE");
  });

  it("still caps the bytes, and still refuses private addresses and plain http elsewhere", async () => {
    const f = createFetcher({ allowHosts: allow, accept: "page", maxBytes: 256 * 1024 });
    expect(await failure(f(`${server.origin}/huge`))).toBe("FETCH_TOO_LARGE");
    const strict = createFetcher({ allowHosts: [], accept: "page" });
    expect(await failure(strict(`${server.origin}/page`))).toBe("FETCH_BLOCKED");
    expect(await failure(strict("https://127.0.0.1:1/page"))).toBe("FETCH_BLOCKED");
    expect(await failure(strict("https://[::1]/"))).toBe("FETCH_BLOCKED");
    expect(await failure(strict("https://10.1.2.3/jobs"))).toBe("FETCH_BLOCKED");
    expect(await failure(strict("ftp://example.org/jobs"))).toBe("FETCH_BLOCKED");
  });

  it("leaves the default (badge data) mode refusing web pages", async () => {
    const f = createFetcher({ allowHosts: allow });
    expect(await failure(f(`${server.origin}/page`))).toBe("FETCH_BAD_TYPE");
    expect(await failure(f(`${server.origin}/sitemap`))).toBe("FETCH_BAD_TYPE");
  });
});
