// `sash import-jobs <url>` (sitemap, careers page) and `sash fit --posting <file|url>` as a
// deployer runs them: real processes on their own data folder, a real local HTTP server
// reached through the fetcher's test allow-list (SASH_ALLOW_FETCH_HOSTS).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastJson, runSash } from "../support/cli";
import { startServer, type TestServer } from "../support/net";
import {
  PASTED_POSTING,
  PASTED_POSTING_SKILLS,
  careersPage,
  htmlPage,
  jobPostingNode,
  postingPage,
  sitemap,
} from "../support/job-pages";

let dir: string;
let server: TestServer;
let o: string;

async function sash(env: Record<string, string>, ...args: string[]) {
  const { code, stdout } = await runSash(args, { dataDir: path.join(dir, "data"), env });
  return { code, out: lastJson(stdout) };
}
const allowed = () => ({ SASH_ALLOW_FETCH_HOSTS: `127.0.0.1:${server.port}` });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-jobs-sites-"));
  const routes: Parameters<typeof startServer>[0] = {};
  server = await startServer(routes);
  o = server.origin;
  const page =
    (body: string, type = "text/html; charset=utf-8") =>
    (_q: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    };
  const job = (n: number, skills: string[]) =>
    page(postingPage({ id: `req-${n}`, title: `Care Assistant ${n}`, employer: "Riverside Care", skills }));
  Object.assign(routes, {
    "/sitemap.xml": page(sitemap([`${o}/jobs/1`, `${o}/jobs/2`, `${o}/jobs/3`, `${o}/about`]), "application/xml"),
    "/careers": page(careersPage(["/jobs/1", "/jobs/2", "/jobs/4", "https://elsewhere.example/jobs/1"])),
    "/jobs/1": job(1, ["Patient care", "CPR"]),
    "/jobs/2": job(2, ["Patient care", "Medication administration"]),
    "/jobs/3": page(htmlPage({ jsonLd: ['[{"@type": "JobPosting", "title": "Broken'] })),
    // The same posting (same identifier) published on a second page.
    "/jobs/4": page(postingPage({ id: "req-1", title: "Care Assistant 1", skills: ["Patient care", "CPR"] })),
    "/about": page(htmlPage({ body: "<p>About Riverside Care.</p>" })),
    "/posting": page(
      htmlPage({
        jsonLd: [
          JSON.stringify({
            "@context": "https://schema.org",
            ...jobPostingNode({ id: "x", title: "Data Analyst", skills: ["SQL", "Tableau", "Statistics"] }),
          }),
        ],
      }),
    ),
  });
  fs.writeFileSync(path.join(dir, "posting.txt"), PASTED_POSTING);
  fs.writeFileSync(
    path.join(dir, "posting.html"),
    htmlPage({ title: "Line Cook", body: "<h1>Line Cook</h1><ul><li>Food safety</li><li>Knife skills</li></ul>" }),
  );
  fs.writeFileSync(
    path.join(dir, "posting.jsonld"),
    JSON.stringify({ "@type": "JobPosting", title: "Welder", skills: ["Welding", "Blueprint reading"] }),
  );
  fs.writeFileSync(path.join(dir, "broken.json"), '{"@type": "JobPosting", "title": ');
});

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Each command is a fresh process opening the embedded database (seconds each on a busy machine).
describe("sash import-jobs <url>", { timeout: 300_000 }, () => {
  it("imports the JobPostings of a sitemap's pages, then updates them on a second run", async () => {
    const first = await sash(allowed(), "import-jobs", `${o}/sitemap.xml`, "--source", "riverside");
    expect(first.code).toBe(0);
    expect(first.out).toMatchObject({
      ok: true,
      inserted: 2,
      updated: 0,
      skipped: 0,
      kind: "sitemap",
      pages: { fetched: 5, withPostings: 2, failed: 0, notFetched: 0, offSite: 0 },
      stoppedBy: null,
    });
    expect(first.out.errors).toEqual([expect.objectContaining({ url: `${o}/jobs/3`, code: "JSONLD_INVALID" })]);
    const again = await sash(allowed(), "import-jobs", `${o}/sitemap.xml`, "--source", "riverside");
    expect(again.out).toMatchObject({ ok: true, inserted: 0, updated: 2 });

    // The imported postings are in the catalogue: `sash fit` ranks them.
    const fit = await sash({}, "fit", "--skills", "Patient care, CPR", "--query", "care assistant", "--limit", "2");
    expect(fit.out.results[0]).toMatchObject({ title: "Care Assistant 1", employer: "Riverside Care", fit: 100 });
  });

  it("imports from a careers page's same-site links within the page bound, reporting repeats", async () => {
    const r = await sash(allowed(), "import-jobs", `${o}/careers`, "--source", "riverside-careers");
    expect(r.out).toMatchObject({ ok: true, inserted: 2, updated: 0, skipped: 1, kind: "careers" });
    expect(r.out.pages).toMatchObject({ offSite: 1, notFetched: 0 });
    // The careers page's navigation links to "/", which this server answers 404.
    expect(r.out.errors).toEqual([
      expect.objectContaining({ url: `${o}/`, code: "HTTP_STATUS" }),
      // Pages are read four at a time: whichever copy came first is the one reported.
      expect.objectContaining({
        url: expect.stringMatching(/\/jobs\/[14]$/),
        message: expect.stringMatching(/same identifier/),
      }),
    ]);

    const bounded = await sash(allowed(), "import-jobs", `${o}/careers`, "--source", "bounded", "--max-pages", "2");
    expect(bounded.out).toMatchObject({ ok: true, inserted: 1, stoppedBy: "pages" });
    expect(bounded.out.pages.fetched).toBe(2);
    expect(bounded.out.pages.notFetched).toBeGreaterThan(0);
  });

  it("refuses a private address unless it is allow-listed, with a code", async () => {
    const r = await sash({ SASH_ALLOW_FETCH_HOSTS: "" }, "import-jobs", `${o}/sitemap.xml`);
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({ ok: false, error: { code: "FETCH_BLOCKED" } });
    const usage = await sash({}, "import-jobs", `${o}/sitemap.xml`, "--max-pages", "zero");
    expect(usage).toMatchObject({ code: 2, out: { ok: false, error: { code: "USAGE" } } });
  });
});

describe("sash fit --posting", { timeout: 300_000 }, () => {
  it("scores a posting page by URL from its JobPosting JSON-LD", async () => {
    const r = await sash(allowed(), "fit", "--posting", `${o}/posting`, "--skills", "SQL, MS Excel");
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      ok: true,
      posting: {
        title: "Data Analyst",
        employer: "Northwind Health",
        from: "json-ld",
        skills: ["SQL", "Tableau", "Statistics"],
      },
      fit: 33,
      matched: ["SQL"],
      missing: ["Tableau", "Statistics"],
    });
    // This data folder has no course catalogue (never seeded), so nothing to suggest.
    expect(r.out.suggestions).toEqual([]);
  });

  it("reads a plain-text, an HTML and a JSON-LD file", async () => {
    const text = await sash({}, "fit", "--posting", path.join(dir, "posting.txt"), "--skills", "SQL, MS Excel");
    expect(text.out).toMatchObject({ ok: true, fit: 18, posting: { from: "text", skills: PASTED_POSTING_SKILLS } });
    const html = await sash({}, "fit", "--posting", path.join(dir, "posting.html"), "--skills", "Food safety");
    expect(html.out).toMatchObject({
      ok: true,
      posting: { title: "Line Cook", from: "text" },
      matched: ["Food safety"],
    });
    const ld = await sash({}, "fit", "--posting", path.join(dir, "posting.jsonld"));
    expect(ld.out).toMatchObject({ ok: true, fit: 0, posting: { title: "Welder", from: "json-ld" } });
  });

  it("answers hostile or missing input with a code", async () => {
    expect((await sash({}, "fit", "--posting", path.join(dir, "broken.json"))).out).toMatchObject({
      ok: false,
      error: { code: "POSTING_INVALID_JSON" },
    });
    expect((await sash({}, "fit", "--posting", path.join(dir, "nope.html"))).out).toMatchObject({
      ok: false,
      error: { code: "FILE_NOT_READABLE" },
    });
    expect((await sash({ SASH_ALLOW_FETCH_HOSTS: "" }, "fit", "--posting", `${o}/posting`)).out).toMatchObject({
      ok: false,
      error: { code: "FETCH_BLOCKED" },
    });
  });
});
