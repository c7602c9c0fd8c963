// Finding JobPostings on a site through a sitemap or a careers page, against a real local HTTP
// server: what is read, what is counted, and every bound (pages, bytes, time, same site).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlJobPostings, readSitemap, siteOf, type CrawlLimits } from "@/lib/jobs/crawl";
import { FetchError } from "@/lib/net/errors";
import { startServer, type TestServer } from "../support/net";
import { careersPage, htmlPage, postingPage, sitemap, sitemapIndex } from "../support/job-pages";

let server: TestServer;
let o: string;

const html =
  (body: string, status = 200) =>
  (_q: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  };
const xmlDoc = (body: string) => (_q: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": "application/xml" });
  res.end(body);
};

beforeAll(async () => {
  const routes: Parameters<typeof startServer>[0] = {};
  server = await startServer(routes);
  o = server.origin;
  const job = (n: number, skills = ["SQL", "Tableau"]) =>
    html(postingPage({ id: `job-${n}`, title: `Analyst ${n}`, skills, url: `/jobs/${n}` }));
  Object.assign(routes, {
    "/sitemap.xml": xmlDoc(
      sitemapIndex([`${o}/sitemap-jobs.xml`, `${o}/sitemap-more.xml`, "https://elsewhere.example/s.xml"]),
    ),
    "/sitemap-jobs.xml": xmlDoc(
      sitemap([`${o}/jobs/1`, `${o}/jobs/2`, `${o}/about`, "https://elsewhere.example/jobs/9", `${o}/jobs/1#dup`]),
    ),
    "/sitemap-more.xml": xmlDoc(sitemap([`${o}/jobs/3`, `${o}/jobs/broken`, `${o}/jobs/gone`])),
    "/sitemap-nested.xml": xmlDoc(sitemapIndex([`${o}/sitemap.xml`])),
    "/nested-top.xml": xmlDoc(sitemapIndex([`${o}/sitemap-nested.xml`])),
    "/not-a-sitemap.xml": xmlDoc("<rss><channel/></rss>"),
    "/jobs/1": job(1),
    "/jobs/2": job(2),
    "/jobs/3": job(3, ["Python"]),
    "/jobs/broken": html(htmlPage({ jsonLd: ['{"@type": "JobPosting", "title": '] })),
    "/jobs/gone": html("<h1>Filled</h1>", 410),
    "/about": html(htmlPage({ body: "<p>We are a council.</p>" })),
    "/careers": html(
      careersPage(
        ["/jobs/1", "/jobs/2", "/jobs/3", "/jobs/broken", "https://elsewhere.example/jobs/7", "/files/brochure.pdf"],
        // The careers page publishes one posting itself, too.
        `<script type="application/ld+json">${JSON.stringify({ "@type": "JobPosting", title: "Open application", identifier: "open" })}</script>`,
      ),
    ),
    "/slow-careers": html(careersPage(["/never-1", "/never-2"])),
    "/never-1": () => undefined,
    "/never-2": () => undefined,
    "/huge": html(`<p>${"x".repeat(2 * 1024 * 1024)}</p>`),
  });
});

afterAll(async () => {
  await server?.close();
});

const crawl = (path: string, limits: Partial<CrawlLimits> = {}) =>
  crawlJobPostings(`${o}${path}`, {
    source: "site",
    limits,
    fetcher: { allowHosts: [`127.0.0.1:${server.port}`] },
  });

describe("crawlJobPostings", () => {
  it("follows a sitemap index to its sitemaps' pages, same site only", async () => {
    const r = await crawl("/sitemap.xml");
    expect(r.kind).toBe("sitemap");
    expect(r.postings.map((p) => p.title).sort()).toEqual(["Analyst 1", "Analyst 2", "Analyst 3"]);
    expect(r.postings.find((p) => p.title === "Analyst 3")).toMatchObject({
      source: "site",
      sourceKey: "test-board:job-3",
      url: `${o}/jobs/3`,
      foundOn: `${o}/jobs/3`,
    });
    // index + 2 sitemaps + 6 pages (jobs/1, 2, 3, about, broken, gone); jobs/1#dup is jobs/1.
    expect(r.pages).toEqual({ fetched: 9, withPostings: 3, failed: 1, notFetched: 0, offSite: 2 });
    expect(r.issues).toEqual([
      expect.objectContaining({ url: `${o}/jobs/broken`, code: "JSONLD_INVALID" }),
      expect.objectContaining({ url: `${o}/jobs/gone`, code: "HTTP_STATUS" }),
    ]);
    expect(r.stoppedBy).toBeNull();
  });

  it("reads a careers page's own postings and the same-site pages it links to", async () => {
    const r = await crawl("/careers");
    expect(r.kind).toBe("careers");
    expect(r.postings.map((p) => p.title)).toEqual(["Open application", "Analyst 1", "Analyst 2", "Analyst 3"]);
    // careers + jobs/1..3 + broken + the nav's / (404 here) and /about; never the PDF or the other site.
    expect(r.pages).toMatchObject({ fetched: 7, withPostings: 4, offSite: 1, notFetched: 0 });
    expect(server.hits.get("/files/brochure.pdf")).toBeUndefined();
  });

  it("stops at the page bound and counts what it did not fetch", async () => {
    const r = await crawl("/careers", { maxPages: 3, concurrency: 1 });
    expect(r.stoppedBy).toBe("pages");
    expect(r.pages.fetched).toBe(3);
    expect(r.pages.notFetched).toBe(4);
    expect(r.postings.map((p) => p.title)).toEqual(["Open application", "Analyst 1", "Analyst 2"]);
  });

  it("stops at the byte bound (per page and in total)", async () => {
    // The careers page is larger than 200 bytes: the start itself can't be read.
    await expect(crawl("/careers", { pageBytes: 200 })).rejects.toMatchObject({ code: "FETCH_TOO_LARGE" });
    await expect(crawl("/huge")).resolves.toMatchObject({ kind: "careers" });
    await expect(crawl("/huge", { pageBytes: 1024 * 1024 })).rejects.toMatchObject({ code: "FETCH_TOO_LARGE" });

    const total = await crawl("/careers", { totalBytes: 2500, concurrency: 1 });
    expect(total.stoppedBy).toBe("bytes");
    expect(total.bytes).toBeLessThanOrEqual(2500);
    expect(total.pages.fetched).toBeLessThan(7);
  });

  it("stops at the time budget, even with pages that never answer", async () => {
    const r = await crawl("/slow-careers", { timeMs: 1500, requestMs: 10_000 });
    expect(r.stoppedBy).toBe("time");
    // Each of the two silent pages either timed out at the budget or was never asked for (when the careers page
    // itself took most of the budget, as it may under load): none is left unaccounted for.
    const timedOut = r.issues.filter((i) => i.code === "FETCH_TIMEOUT").map((i) => i.url);
    for (const url of timedOut) expect([`${o}/never-1`, `${o}/never-2`]).toContain(url);
    expect(timedOut.length + r.pages.notFetched).toBeGreaterThanOrEqual(2);
  });

  it("refuses what is not a site to crawl, and addresses that are not public", async () => {
    await expect(crawl("/not-a-sitemap.xml")).rejects.toMatchObject({ code: "SITEMAP_INVALID" });
    await expect(crawl("/jobs/gone")).rejects.toMatchObject({ code: "HTTP_STATUS" });
    const nested = await crawl("/nested-top.xml");
    expect(nested.issues).toEqual([expect.objectContaining({ code: "SITEMAP_NESTED" })]);
    const blocked = crawlJobPostings(`${o}/careers`, { source: "site", fetcher: { allowHosts: [] } });
    await expect(blocked).rejects.toBeInstanceOf(FetchError);
    await expect(blocked).rejects.toMatchObject({ code: "FETCH_BLOCKED" });
  });
});

describe("sitemaps and sites", () => {
  it("reads <loc>s of a urlset and an index, with or without a namespace prefix", () => {
    expect(readSitemap(sitemap(["https://a.example/1", "https://a.example/2"]))).toEqual({
      index: false,
      locs: ["https://a.example/1", "https://a.example/2"],
    });
    expect(readSitemap(sitemapIndex(["https://a.example/s1.xml"]))).toEqual({
      index: true,
      locs: ["https://a.example/s1.xml"],
    });
    expect(
      readSitemap(
        '<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc> https://a.example/x </sm:loc></sm:url></sm:urlset>',
      ),
    ).toEqual({ index: false, locs: ["https://a.example/x"] });
    expect(readSitemap("<urlset/>")).toEqual({ index: false, locs: [] });
    expect(() => readSitemap("<html><body/></html>")).toThrow(/not a sitemap/);
  });

  it("treats subdomains of one registrable name as one site", () => {
    expect(siteOf("careers.acme.com")).toBe("acme.com");
    expect(siteOf("www.acme.com")).toBe("acme.com");
    expect(siteOf("jobs.council.gov.uk")).toBe("council.gov.uk");
    expect(siteOf("acme.co.uk")).toBe("acme.co.uk");
    expect(siteOf("127.0.0.1")).toBe("127.0.0.1");
    expect(siteOf("evil.co.uk")).not.toBe(siteOf("acme.co.uk"));
  });
});
