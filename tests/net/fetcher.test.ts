import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, parseAllowHosts, type DnsLookup } from "@/lib/net/fetcher";
import { FetchError, type FetchErrorCode } from "@/lib/net/errors";
import { isBlockedAddress } from "@/lib/net/address";
import { appFetcher } from "@/server/net";
import { json, startServer, type TestServer } from "../support/net";

let server: TestServer;
let allow: string[];

beforeAll(async () => {
  server = await startServer({
    "/json": json({ hello: "wörld" }),
    "/ld": (_q, res) => {
      res.writeHead(200, { "content-type": "application/ld+json; charset=utf-8" });
      res.end('\uFEFF{"@context":"https://w3id.org/openbadges/v2"}');
    },
    "/jws": (_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln\n");
    },
    "/plain-html": (_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("<html>surprise</html>");
    },
    "/html": (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html></html>");
    },
    "/gone": json({ error: "gone" }, 410),
    "/big-streamed": (_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const piece = Buffer.alloc(64 * 1024, 0x20);
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
    "/big-declared": (_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(5 * 1024 * 1024) });
      res.end();
    },
    "/slow": () => {
      /* never answers */
    },
    "/stall-body": (_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial": ');
      /* …and never finishes */
    },
    "/redirect-ok": (_q, res) => {
      res.writeHead(302, { location: "/json" });
      res.end();
    },
    "/redirect-private": (_q, res) => {
      res.writeHead(302, { location: "https://10.0.0.7/internal" });
      res.end();
    },
    "/redirect-metadata": (_q, res) => {
      res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    },
    "/redirect-loop": (_q, res) => {
      res.writeHead(307, { location: "/redirect-loop" });
      res.end();
    },
    "/counted": json({ n: 1 }),
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

/** A lookup that answers from a table and counts calls; real DNS is never touched. */
function fakeDns(table: Record<string, string[]>): DnsLookup & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (host: string) => {
    calls.push(host);
    const addrs = table[host];
    if (!addrs) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addrs.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  }) as DnsLookup & { calls: string[] };
  fn.calls = calls;
  return fn;
}

describe("fetcher: allowed hosts", () => {
  it("fetches JSON from an allow-listed host over http and reports status and type", async () => {
    const doc = await createFetcher({ allowHosts: allow })(`${server.origin}/json`);
    expect(doc).toEqual({
      url: `${server.origin}/json`,
      status: 200,
      contentType: "application/json",
      text: '{"hello":"wörld"}',
    });
  });

  it("lib's fetcher allows no host it isn't given; the server's (server/net.ts) adds SASH_ALLOW_FETCH_HOSTS", async () => {
    const saved = process.env.SASH_ALLOW_FETCH_HOSTS;
    process.env.SASH_ALLOW_FETCH_HOSTS = ` example.org:443 , 127.0.0.1:${server.port}`;
    try {
      expect(await failure(createFetcher()(`${server.origin}/json`))).not.toBeUndefined();
      expect((await appFetcher()(`${server.origin}/json`)).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.SASH_ALLOW_FETCH_HOSTS;
      else process.env.SASH_ALLOW_FETCH_HOSTS = saved;
    }
    expect(parseAllowHosts(" A.example:8443,,b:80 ")).toEqual(["a.example:8443", "b:80"]);
  });

  it("accepts JSON-LD (with a BOM) and JWS text; resolves for 4xx without reading HTML", async () => {
    const f = createFetcher({ allowHosts: allow });
    expect((await f(`${server.origin}/ld`)).text).toContain("openbadges");
    expect((await f(`${server.origin}/jws`)).text.trim()).toBe("eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln");
    expect(await f(`${server.origin}/gone`)).toMatchObject({ status: 410, text: '{"error":"gone"}' });
    expect(await f(`${server.origin}/missing`)).toMatchObject({ status: 404, text: "" });
  });

  it("follows a redirect and reports the final URL", async () => {
    const doc = await createFetcher({ allowHosts: allow })(`${server.origin}/redirect-ok`);
    expect(doc).toMatchObject({ url: `${server.origin}/json`, status: 200 });
  });

  it("caches per URL for the fetcher's lifetime (one import)", async () => {
    const f = createFetcher({ allowHosts: allow });
    const before = server.hits.get("/counted") ?? 0;
    await f(`${server.origin}/counted`);
    await f(`${server.origin}/counted`);
    expect(server.hits.get("/counted")).toBe(before + 1);
    await createFetcher({ allowHosts: allow })(`${server.origin}/counted`);
    expect(server.hits.get("/counted")).toBe(before + 2);
  });

  it("connects to the address it resolved itself (pinned), never re-resolving", async () => {
    const dns = fakeDns({ "badges.test": ["127.0.0.1"] });
    const f = createFetcher({ allowHosts: [`badges.test:${server.port}`], lookup: dns });
    const doc = await f(`http://badges.test:${server.port}/json`);
    expect(doc.status).toBe(200);
    expect(dns.calls).toEqual(["badges.test"]);
  });
});

describe("fetcher: refusals (SSRF)", () => {
  const f = () => createFetcher({ allowHosts: allow, lookup: fakeDns({}) });

  it("refuses http://127.0.0.1 (not allow-listed)", async () => {
    expect(await failure(f()("http://127.0.0.1/"))).toBe("FETCH_BLOCKED");
    expect(await failure(f()(`http://127.0.0.1:${server.port + 1}/json`))).toBe("FETCH_BLOCKED");
  });

  it("refuses https to loopback, the cloud metadata address and other reserved literals", async () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.1/",
      "https://192.168.1.1/",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:a9fe:a9fe]/",
      // IPv4-translated (RFC 2765 SIIT, ::ffff:0:a.b.c.d), not the same prefix as IPv4-mapped.
      "https://[::ffff:0:7f00:1]/",
      "https://[::ffff:0:a9fe:a9fe]/",
      "https://[::ffff:0:10.0.0.1]/",
      "https://[fd12:3456::1]/",
      "https://[fe80::1]/",
      "https://224.0.0.1/",
    ]) {
      expect(await failure(f()(url)), url).toBe("FETCH_BLOCKED");
    }
  });

  it("refuses a host name that resolves to 10.x (injected DNS), and mixed public/private answers", async () => {
    const dns = fakeDns({ "intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.216.34", "192.168.0.5"] });
    const fetcher = createFetcher({ lookup: dns });
    expect(await failure(fetcher("https://intranet.example/badge.json"))).toBe("FETCH_BLOCKED");
    expect(await failure(fetcher("https://mixed.example/badge.json"))).toBe("FETCH_BLOCKED");
    expect(dns.calls).toEqual(["intranet.example", "mixed.example"]);
    // An AAAA answer in the IPv4-translated range (::ffff:0:127.0.0.1).
    const siit = createFetcher({ lookup: fakeDns({ "siit.example": ["::ffff:0:7f00:1"] }) });
    expect(await failure(siit("https://siit.example/badge.json"))).toBe("FETCH_BLOCKED");
  });

  it("re-checks after redirects: to a private address, to the metadata service over http", async () => {
    expect(await failure(f()(`${server.origin}/redirect-private`))).toBe("FETCH_BLOCKED");
    expect(await failure(f()(`${server.origin}/redirect-metadata`))).toBe("FETCH_BLOCKED");
  });

  it("refuses a redirect to a name that resolves privately", async () => {
    const s = await startServer({
      "/hop": (_q, res) => {
        res.writeHead(302, { location: "https://rebind.example/x" });
        res.end();
      },
    });
    try {
      const fetcher = createFetcher({
        allowHosts: [`127.0.0.1:${s.port}`],
        lookup: fakeDns({ "rebind.example": ["172.16.5.4"] }),
      });
      expect(await failure(fetcher(`${s.origin}/hop`))).toBe("FETCH_BLOCKED");
    } finally {
      await s.close();
    }
  });

  it("refuses non-http schemes, credentials in URLs and garbage", async () => {
    expect(await failure(f()("file:///etc/passwd"))).toBe("FETCH_BLOCKED");
    expect(await failure(f()("ftp://example.org/x"))).toBe("FETCH_BLOCKED");
    expect(await failure(f()("https://user:pw@example.org/"))).toBe("FETCH_BLOCKED");
    expect(await failure(f()("not a url"))).toBe("FETCH_INVALID_URL");
  });

  it("stops after 3 redirects", async () => {
    expect(await failure(f()(`${server.origin}/redirect-loop`))).toBe("FETCH_TOO_MANY_REDIRECTS");
    expect(server.hits.get("/redirect-loop")).toBe(4);
  });
});

describe("fetcher: limits", () => {
  const f = () => createFetcher({ allowHosts: allow });

  it("caps the body at 1 MiB while streaming, and refuses a declared oversize body", async () => {
    expect(await failure(f()(`${server.origin}/big-streamed`))).toBe("FETCH_TOO_LARGE");
    expect(await failure(f()(`${server.origin}/big-declared`))).toBe("FETCH_TOO_LARGE");
  });

  it("accepts only JSON or JWS text", async () => {
    expect(await failure(f()(`${server.origin}/html`))).toBe("FETCH_BAD_TYPE");
    expect(await failure(f()(`${server.origin}/plain-html`))).toBe("FETCH_BAD_TYPE");
  });

  it("times out a server that never answers", async () => {
    expect(await failure(createFetcher({ allowHosts: allow, timeoutMs: 300 })(`${server.origin}/slow`))).toBe(
      "FETCH_TIMEOUT",
    );
    expect(await failure(createFetcher({ allowHosts: allow, timeoutMs: 300 })(`${server.origin}/stall-body`))).toBe(
      "FETCH_TIMEOUT",
    );
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startServer({});
    const port = closed.port;
    await closed.close();
    expect(await failure(createFetcher({ allowHosts: [`127.0.0.1:${port}`] })(`http://127.0.0.1:${port}/`))).toBe(
      "FETCH_NETWORK",
    );
  });

  it("reports a name that does not resolve as a network error", async () => {
    expect(await failure(createFetcher({ lookup: fakeDns({}) })("https://no-such-host.example/"))).toBe(
      "FETCH_NETWORK",
    );
  });
});

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.255.255.255", true],
    ["172.31.0.1", true],
    ["172.32.0.1", false],
    ["192.168.10.10", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["100.128.0.1", false],
    ["0.0.0.0", true],
    ["255.255.255.255", true],
    ["239.1.1.1", true],
    ["8.8.8.8", false],
    ["93.184.216.34", false],
    ["::", true],
    ["::1", true],
    ["::ffff:8.8.8.8", true],
    ["::ffff:0:7f00:1", true],
    ["::ffff:0:8.8.8.8", true],
    ["::fffe:0:808:808", false],
    ["64:ff9b::a00:1", true],
    ["fc00::1", true],
    ["fdff::1", true],
    ["fe80::1%eth0", true],
    ["ff02::1", true],
    ["2606:4700:4700::1111", false],
    ["2001:db8::1", true],
    ["not-an-ip", true],
  ])("%s → %s", (address, expected) => {
    expect(isBlockedAddress(address)).toBe(expected);
  });
});
