import { describe, expect, it } from "vitest";
import { parseJobPostingCsv, parseJobPostingFile } from "@/lib/jobs";

const HEADER = "identifier,title,employer,location,remote,description,date_posted,url,required_skills,preferred_skills";

describe("parseJobPostingCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines", () => {
    const csv = [
      HEADER,
      `j-1,"Welder, Night Shift",Ironworks Fabrication,"Pittsburgh, PA",no,"Say ""hi"" to the crew.\nSecond line.",2026-09-30,https://jobs.example.org/j-1,"MIG welding; TIG welding",Forklift operation`,
      `j-2,Data Analyst,Lumen Data Co.,,yes,,2026-10-02,,SQL|Microsoft Excel|SQL,`,
    ].join("\n");
    const r = parseJobPostingCsv("board", csv);
    expect(r.errors).toEqual([]);
    expect(r.postings).toHaveLength(2);
    expect(r.postings[0]).toMatchObject({
      sourceKey: "j-1",
      title: "Welder, Night Shift",
      location: "Pittsburgh, PA",
      remote: false,
      description: 'Say "hi" to the crew.\nSecond line.',
    });
    expect(r.postings[0].skills).toEqual([
      { name: "MIG welding", required: true },
      { name: "TIG welding", required: true },
      { name: "Forklift operation", required: false },
    ]);
    expect(r.postings[1]).toMatchObject({ remote: true, location: "Remote", url: null });
    expect(r.postings[1].skills.map((s) => s.name)).toEqual(["SQL", "Microsoft Excel"]);
  });

  it("accepts columns in any order, header aliases and a byte-order mark", () => {
    const csv = "\uFEFFTitle,Company,ID,Skills\nLine Cook,Harvest Table,lc-9,Food safety;Knife skills\n";
    const r = parseJobPostingCsv("board", csv);
    expect(r.postings[0]).toMatchObject({ sourceKey: "lc-9", title: "Line Cook", employer: "Harvest Table" });
    expect(r.postings[0].skills.map((s) => s.name)).toEqual(["Food safety", "Knife skills"]);
  });

  it("reports and skips bad rows: missing title, no key, wrong field count, bad date", () => {
    const csv = [
      HEADER,
      `ok-1,Cook,,,,,,,Food safety,`,
      `ok-2,,,,,,,,,`,
      `,No key,,,,,,,,`,
      `ok-3,Too few fields`,
      `ok-4,Bad date,,,,,31/31/2026,,,`,
      `ok-5,Fine,,,,,2026-01-01,,,`,
    ].join("\n");
    const r = parseJobPostingCsv("board", csv);
    expect(r.postings.map((p) => p.sourceKey)).toEqual(["ok-1", "ok-5"]);
    expect(r.errors.map((e) => e.record)).toEqual([2, 3, 4, 5]);
    expect(r.errors[2].message).toMatch(/fields/);
    expect(r.errors[3].message).toMatch(/not a date/);
  });

  it("an unterminated quote is reported, and the header check is fatal when title is absent", () => {
    const broken = `${HEADER}\nok-1,Cook,,,,,,,,\nok-2,"Broken,,,,,,,,,\n`;
    const r = parseJobPostingCsv("board", broken);
    // An unclosed quote runs to the end of the file; the rows before it still import.
    expect(r.fatal).toBeUndefined();
    expect(r.postings.map((p) => p.sourceKey)).toEqual(["ok-1"]);
    expect(r.errors[0]).toMatchObject({ record: 2 });
    expect(r.errors[0].message).toMatch(/Quote Not Closed/i);
    const noTitle = parseJobPostingCsv("board", "identifier,employer\n1,Acme\n");
    expect(noTitle.fatal).toMatch(/title/);
  });

  it("parseJobPostingFile picks CSV or JSON-LD by name and content", () => {
    expect(parseJobPostingFile("x.csv", `${HEADER}\nk,T,,,,,,,,`, "s").postings).toHaveLength(1);
    expect(
      parseJobPostingFile("x.jsonld", '{"@type":"JobPosting","title":"T","identifier":"k"}', "s").postings,
    ).toHaveLength(1);
    expect(
      parseJobPostingFile("upload", '[{"@type":"JobPosting","title":"T","url":"https://a.example/"}]', "s").postings,
    ).toHaveLength(1);
  });
});
