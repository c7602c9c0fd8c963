// JobPostings on web pages: JSON-LD read out of <script> blocks with a real HTML parser, then
// through the JSON-LD importer; a page's text and links for the callers that need them.
import { describe, expect, it } from "vitest";
import { PAGE_LIMITS, readHtmlPage, looksLikeHtml } from "@/lib/jobs/html";
import { parseJobPostingPage } from "@/lib/jobs/page";
import { readPostingDocument } from "@/lib/jobs/posting";
import { htmlPage, jobPostingNode, postingPage } from "../support/job-pages";

const PAGE = "https://careers.example.org/jobs/42";

describe("readHtmlPage", () => {
  it("keeps visible text, the title and absolute links; drops scripts, styles and fragments", () => {
    const page = readHtmlPage(
      htmlPage({
        title: "Nurse & Midwife",
        body: `<h1>Registered nurse</h1><p>Care for patients &amp; families.<br>Night shifts.</p>
          <a href="/jobs/43#apply">Next</a> <a href="/jobs/43">Again</a> <a href="https://other.example.com/x">Other</a>
          <a href="javascript:alert(1)">JS</a> <a href="mailto:hr@example.org">Mail</a> <a href="#top">Top</a>`,
      }),
      PAGE,
    );
    expect(page.title).toBe("Nurse & Midwife");
    expect(page.text).toContain("Registered nurse\nCare for patients & families.\nNight shifts.");
    // The <style> and plain <script> of htmlPage name "Kubernetes" and "Salesforce Tableau": never text.
    expect(page.text).not.toMatch(/Kubernetes|Salesforce|analytics/);
    expect(page.links).toEqual([
      "https://careers.example.org/",
      "https://careers.example.org/about",
      "https://careers.example.org/jobs/43",
      "https://other.example.com/x",
    ]);
    expect(page.jsonLd).toEqual([]);
    expect(page.truncated).toBe(false);
  });

  it("resolves links against <base href> and survives broken markup", () => {
    const page = readHtmlPage(
      // <head> never closed, <p> and <b> never closed, no <body>.
      `<html><head><base href="https://jobs.example.net/en/"><title>Roles</title><p>Unclosed <b>bold <a href="role-1">Role</a>`,
      PAGE,
    );
    expect(page.links).toEqual(["https://jobs.example.net/en/role-1"]);
    expect(page.title).toBe("Roles");
    expect(page.text).toBe("Unclosed bold Role");
  });

  it("bounds the text and the links it keeps from a huge page", () => {
    const links = Array.from({ length: PAGE_LIMITS.links + 50 }, (_, i) => `<a href="/p/${i}">${i}</a>`).join("");
    const page = readHtmlPage(`<p>${"word ".repeat(PAGE_LIMITS.textChars / 2)}</p>${links}`, PAGE);
    expect(page.links).toHaveLength(PAGE_LIMITS.links);
    expect(page.text.length).toBeLessThanOrEqual(PAGE_LIMITS.textChars);
    expect(page.truncated).toBe(true);
  });

  it("tells HTML from JSON and plain text", () => {
    expect(looksLikeHtml("<!doctype html><p>x")).toBe(true);
    expect(looksLikeHtml("  <!-- c --><html>")).toBe(true);
    expect(looksLikeHtml("anything", "text/html; charset=utf-8")).toBe(true);
    expect(looksLikeHtml('{"@type":"JobPosting"}')).toBe(false);
    expect(looksLikeHtml("Nurse wanted. Skills: CPR <required>")).toBe(false);
    expect(looksLikeHtml("<html>", "application/json")).toBe(false);
  });
});

describe("parseJobPostingPage", () => {
  it("reads a JobPosting from a JSON-LD script block, with its organisation from the @graph", () => {
    const r = parseJobPostingPage(
      "board",
      postingPage({ id: "rn-1", title: "Registered Nurse", skills: ["Patient care", "Triage"], url: "/jobs/rn-1" }),
      { pageUrl: PAGE },
    );
    expect(r.brokenBlocks).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.postings).toHaveLength(1);
    expect(r.postings[0]).toMatchObject({
      source: "board",
      sourceKey: "test-board:rn-1",
      title: "Registered Nurse",
      employer: "Northwind Health",
      url: "https://careers.example.org/jobs/rn-1",
    });
    expect(r.postings[0]!.skills.map((s) => s.name)).toEqual(["Patient care", "Triage"]);
  });

  it("reads several postings: an array in one block, another block, a WebPage's mainEntity, an ItemList", () => {
    const blocks = [
      JSON.stringify([jobPostingNode({ id: "a", title: "Cook" }), jobPostingNode({ id: "b", title: "Baker" })]),
      JSON.stringify({ "@context": "https://schema.org", "@type": "BreadcrumbList", itemListElement: [] }),
      JSON.stringify({ "@type": "WebPage", mainEntity: jobPostingNode({ id: "c", title: "Server" }) }),
      JSON.stringify({
        "@type": "ItemList",
        itemListElement: [{ "@type": "ListItem", position: 1, item: jobPostingNode({ id: "d", title: "Host" }) }],
      }),
    ];
    const r = parseJobPostingPage("board", htmlPage({ jsonLd: blocks }), { pageUrl: PAGE });
    expect(r.postings.map((p) => p.title)).toEqual(["Cook", "Baker", "Server", "Host"]);
    // The BreadcrumbList is not a mistake on a web page.
    expect(r.errors).toEqual([]);
  });

  it("reports a block that is not JSON and still reads the others", () => {
    const good = JSON.stringify(jobPostingNode({ id: "ok", title: "Welder" }));
    const r = parseJobPostingPage("board", htmlPage({ jsonLd: ['{"@type": "JobPosting", "title": ', good] }), {
      pageUrl: PAGE,
    });
    expect(r.postings.map((p) => p.title)).toEqual(["Welder"]);
    expect(r.brokenBlocks).toHaveLength(1);
    expect(r.brokenBlocks[0]).toMatchObject({ block: 1 });
    expect(r.brokenBlocks[0]!.message).toMatch(/^JSON-LD block 1 is not valid JSON/);
  });

  it("unwraps JSON-LD hidden in a comment or CDATA, and gives a posting without url the page's address", () => {
    const node = { "@context": "https://schema.org", ...jobPostingNode({ id: "x", title: "Plumber" }) };
    delete (node as { identifier?: unknown }).identifier;
    const r = parseJobPostingPage(
      "board",
      htmlPage({ jsonLd: [`<!--${JSON.stringify(node)}-->`, `//<![CDATA[\n${JSON.stringify(node)}\n//]]>`] }),
      { pageUrl: PAGE },
    );
    expect(r.brokenBlocks).toEqual([]);
    expect(r.postings).toHaveLength(2);
    expect(r.postings[0]).toMatchObject({ title: "Plumber", url: PAGE, sourceKey: PAGE });
  });

  it("reports a JobPosting it can't read (no title) by its position", () => {
    const r = parseJobPostingPage(
      "board",
      htmlPage({ jsonLd: [JSON.stringify({ "@type": "JobPosting", identifier: "t" })] }),
      { pageUrl: PAGE },
    );
    expect(r.postings).toEqual([]);
    expect(r.errors).toEqual([{ record: 1, message: "Missing title." }]);
  });

  it("finds nothing on a page without JSON-LD, and keeps its text for the skills matcher", () => {
    const r = parseJobPostingPage("board", htmlPage({ body: "<h1>Electrician</h1><p>Wiring and PLCs.</p>" }), {
      pageUrl: PAGE,
    });
    expect(r.postings).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.page.text).toContain("Electrician\nWiring and PLCs.");
  });
});

describe("readPostingDocument", () => {
  it("reads JSON-LD, HTML and plain text, and names JSON that is broken", () => {
    const json = readPostingDocument(JSON.stringify(jobPostingNode({ id: "j", title: "Analyst" })));
    expect(json).toMatchObject({ kind: "json-ld", invalidJson: undefined });
    expect(json.postings.map((p) => p.title)).toEqual(["Analyst"]);

    // Without identifier or url a posting is still read for scoring (keyed by its title).
    const bare = readPostingDocument(JSON.stringify({ "@type": "JobPosting", title: "Bare", skills: "SQL" }));
    expect(bare.postings[0]).toMatchObject({ title: "Bare", sourceKey: "Bare" });

    const html = readPostingDocument(htmlPage({ body: "<p>Forklift driver</p>" }), { contentType: "text/html" });
    expect(html).toMatchObject({ kind: "html", postings: [], title: "Careers" });
    expect(html.text).toContain("Forklift driver");

    expect(readPostingDocument("Forklift driver wanted.")).toMatchObject({
      kind: "text",
      text: "Forklift driver wanted.",
    });
    expect(readPostingDocument('{"@type": "JobPosting",').invalidJson).toMatch(/not valid JSON/);
  });
});
