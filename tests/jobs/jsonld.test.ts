import { describe, expect, it } from "vitest";
import { parseJobPostingJsonLd } from "@/lib/jobs";

const posting = (over: Record<string, unknown> = {}) => ({
  "@context": "https://schema.org/",
  "@type": "JobPosting",
  title: "Instructional Designer",
  identifier: { "@type": "PropertyValue", name: "Open Pathways", value: "ID-2041" },
  hiringOrganization: { "@type": "Organization", name: "Open Pathways Learning" },
  jobLocation: {
    "@type": "Place",
    address: { "@type": "PostalAddress", addressLocality: "Columbus", addressRegion: "OH", addressCountry: "US" },
  },
  datePosted: "2026-10-01",
  url: "https://jobs.example.org/id-2041",
  description: "<p>Design <b>online</b> courses &amp; more.</p>",
  skills: "Instructional design, Online learning, Articulate Storyline",
  ...over,
});

describe("parseJobPostingJsonLd", () => {
  it("reads a single JobPosting object", () => {
    const r = parseJobPostingJsonLd("board", JSON.stringify(posting()));
    expect(r.errors).toEqual([]);
    expect(r.postings).toHaveLength(1);
    const p = r.postings[0];
    expect(p).toMatchObject({
      source: "board",
      sourceKey: "Open Pathways:ID-2041",
      title: "Instructional Designer",
      employer: "Open Pathways Learning",
      location: "Columbus, OH, US",
      remote: false,
      url: "https://jobs.example.org/id-2041",
      description: "Design online courses & more.",
    });
    expect(p.postedAt?.toISOString()).toBe("2026-10-01T00:00:00.000Z");
    expect(p.skills.map((s) => s.name)).toEqual(["Instructional design", "Online learning", "Articulate Storyline"]);
    expect(p.skills.every((s) => s.required)).toBe(true);
  });

  it("reads an array, DefinedTerm skills and TELECOMMUTE as remote", () => {
    const doc = [
      posting({
        identifier: "a-1",
        skills: [
          { "@type": "DefinedTerm", name: "SQL", termCode: "S1" },
          { "@type": "DefinedTerm", name: "Python" },
        ],
      }),
      posting({
        identifier: "a-2",
        skills: ["Excel", "Statistics"],
        jobLocationType: "TELECOMMUTE",
        jobLocation: undefined,
      }),
    ];
    const r = parseJobPostingJsonLd("board", JSON.stringify(doc));
    expect(r.errors).toEqual([]);
    expect(r.postings.map((p) => p.sourceKey)).toEqual(["a-1", "a-2"]);
    expect(r.postings[0].skills.map((s) => s.name)).toEqual(["SQL", "Python"]);
    expect(r.postings[1]).toMatchObject({ remote: true, location: "Remote" });
    expect(r.postings[1].skills.map((s) => s.name)).toEqual(["Excel", "Statistics"]);
  });

  it("reads @graph, resolving organisations by @id and ignoring non-postings beside them", () => {
    const doc = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebPage", "@id": "https://x.example/page" },
        { "@type": "Organization", "@id": "#org", name: "Keystone Manufacturing" },
        posting({
          identifier: undefined,
          url: "https://x.example/jobs/7",
          hiringOrganization: { "@id": "#org" },
          "@type": ["JobPosting"],
        }),
      ],
    };
    const r = parseJobPostingJsonLd("board", JSON.stringify(doc));
    expect(r.errors).toEqual([]);
    expect(r.postings).toHaveLength(1);
    expect(r.postings[0]).toMatchObject({ sourceKey: "https://x.example/jobs/7", employer: "Keystone Manufacturing" });
  });

  it("falls back to list-shaped qualifications and experienceRequirements, not to prose", () => {
    const withLists = posting({
      identifier: "q-1",
      skills: undefined,
      qualifications: ["Forklift certification", { "@type": "EducationalOccupationalCredential", name: "OSHA 10" }],
      experienceRequirements: "Warehouse experience\nInventory management",
    });
    const prose = posting({
      identifier: "q-2",
      skills: undefined,
      qualifications: "A great attitude and willingness to learn.",
    });
    const r = parseJobPostingJsonLd("board", JSON.stringify([withLists, prose]));
    expect(r.postings[0].skills.map((s) => s.name)).toEqual([
      "Forklift certification",
      "OSHA 10",
      "Warehouse experience",
      "Inventory management",
    ]);
    expect(r.postings[1].skills).toEqual([]);
  });

  it("reports and skips bad records without losing the good ones", () => {
    const doc = [
      posting({ identifier: "ok-1" }),
      posting({ identifier: undefined, url: undefined }),
      posting({ title: "" }),
      { "@type": "Organization", name: "Not a job" },
      "just a string",
      posting({ identifier: "ok-2", url: "javascript:alert(1)" }),
      posting({ identifier: "ok-3", datePosted: "not a date" }),
    ];
    const r = parseJobPostingJsonLd("board", JSON.stringify(doc));
    expect(r.postings.map((p) => p.sourceKey)).toEqual(["ok-1", "ok-3"]);
    expect(r.postings[1].postedAt).toBeNull();
    expect(r.errors.map((e) => e.record)).toEqual([2, 3, 4, 5, 6]);
    expect(r.errors[0].message).toMatch(/identifier or a url/);
    expect(r.errors[1].message).toMatch(/Missing title/);
    expect(r.errors[2].message).toMatch(/Not a JobPosting/);
  });

  it("a malformed file is fatal, with a message, and yields no postings", () => {
    const r = parseJobPostingJsonLd("board", '{"@type": "JobPosting", "title": ');
    expect(r.postings).toEqual([]);
    expect(r.fatal).toMatch(/not valid JSON/);
  });

  it("an empty document reports that it has no postings", () => {
    const r = parseJobPostingJsonLd("board", "[]");
    expect(r.postings).toEqual([]);
    expect(r.errors[0].message).toMatch(/no JobPosting/);
  });
});
