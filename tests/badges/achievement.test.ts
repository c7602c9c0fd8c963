// Issue #13 item 3, "What an achievement is": achievement type, results read against their
// descriptions, evidence, endorsements and alignment skills from real OB 2.0/3.0 data, the
// words for them, and the public share page that shows them (no recipient, no hashes).
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { importPayload } from "@/lib/badges";
import {
  achievementDetails,
  achievementTypeLabel,
  achievementView,
  resultText,
  withAchievementFields,
} from "@/lib/badges/achievement";
import { verifyCredential } from "@/lib/badges/verify";
import { buildShareView } from "@/lib/share/view";
import { renderSharePage } from "@/lib/share/render";
import type { SharedCredentialRow } from "@/lib/share/types";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import { ob3Credential } from "../support/verify";
import { ob2Assertion } from "../support/wallet";

const COMPLETE = "json/1edtech-dcpv_ob30-complete_di.json";
const RESULTS = "json/educredentials_ob3-unsigned_uvh-microcredential-results-alignments.json";
const present = haveRealFixtures(COMPLETE, RESULTS);
const read = (rel: string) => fs.readFileSync(realFixture(rel), "utf8");

describe("achievement type words", () => {
  it.each([
    ["Degree", "Degree"],
    ["Certificate", "Certificate"],
    ["License", "License"],
    ["Badge", "Badge"],
    ["BachelorDegree", "Bachelor's degree"],
    ["CertificateOfCompletion", "Certificate of completion"],
    ["MicroCredential", "Micro-credential"],
    ["ext:MinorDegree", "MinorDegree"],
    ["ext:", null],
    ["", null],
  ])("%s → %s", (type, words) => {
    expect(achievementTypeLabel(type)).toBe(words);
  });
  it("null stays null", () => expect(achievementTypeLabel(null)).toBeNull());
});

describe("result words", () => {
  const r = { name: "Score", resultType: null, valueMin: null, valueMax: null, level: null, status: null };
  it("a percentage, a score out of a maximum, a status", () => {
    expect(resultText({ ...r, resultType: "Percent", value: "85" })).toBe("Score: 85%");
    expect(resultText({ ...r, value: "42", valueMax: "50" })).toBe("Score: 42 out of 50");
    expect(resultText({ ...r, name: null, value: null, status: "InProgress" })).toBe("In progress");
  });
});

describe.skipIf(!present)("real OB 3.0 data", () => {
  it("1EdTech 'complete': a Degree, its grade, rubric level and status, evidence, three endorsements", async () => {
    const record = await importPayload(read(COMPLETE));
    expect(record.achievementType).toBe("Degree");
    expect(record.results!.map(resultText)).toEqual([
      "Final Project Grade: A",
      "Final Project Grade: Mastery",
      "Final Project Grade: Completed",
    ]);
    expect(record.results![0]).toMatchObject({ resultType: "LetterGrade", value: "A" });
    expect(record.evidence.map((e) => [e.name, e.genre, e.audience])).toEqual([
      ["Final Project Report", "Research", "Department"],
      ["Final Project Code", "Research", "Department"],
    ]);
    expect(record.endorsements).toHaveLength(3);
    expect(record.endorsements!.every((e) => e.format === "ob3" && typeof e.document === "object")).toBe(true);
    // Its alignments now count as skills too, beside the tags.
    expect(record.skills).toEqual(["research", "computer science", "1EdTech University Degree"]);
  });

  it("educredentials: 8.5 on a scale of 1–10; its ext: alignments join the skills", async () => {
    const record = await importPayload(read(RESULTS));
    expect(record.achievementType).toBeNull();
    expect(record.results!.map(resultText)).toEqual(["Final Project Grade: 8.5 on a scale of 1–10"]);
    expect(record.skills).toEqual(["W Practische toepassing van animale transmutatie", "EQF level 4"]);
  });

  it("the share page shows type, results, evidence and endorsements with their checks, and no recipient", async () => {
    const record = await importPayload(read(COMPLETE));
    const verification = await verifyCredential(record, { now: new Date("2026-06-01T00:00:00Z"), registries: null });
    const row: SharedCredentialRow = {
      slug: "abcdefghijklmnopqrstuv",
      indexable: false,
      learnerName: "Example Student",
      section: "imported",
      origin: "paste",
      spec: "ob3",
      externalId: record.id,
      title: record.title!,
      description: "",
      criteriaNarrative: null,
      criteriaUrl: null,
      issuerName: record.issuer.name,
      issuerUrl: null,
      issuerImage: null,
      imageUrl: null,
      issuedOn: null,
      expires: null,
      hasFile: false,
      fileMimeType: null,
      record,
      raw: record.raw,
      verification,
      details: achievementDetails(record),
      updatedAt: new Date(),
      skills: [],
    };
    const html = renderSharePage(buildShareView(row, "https://sash.example"));
    expect(html).toContain("<dt>Type</dt><dd>Degree</dd>");
    expect(html).toContain("<li>Final Project Grade: A</li>");
    expect(html).toContain("Final Project Report");
    expect(html).toContain("https://1edtech.edu/credentials/3732/evidence/1");
    const endorsed = html.match(
      /Endorsed by Example Accrediting Agency<\/strong> \(of [^)]+\) — <span class="\w+">([^<]+)</g,
    )!;
    expect(endorsed).toHaveLength(3);
    // Unsupported cryptosuite and expired in 2020: none of them is shown as verified.
    for (const line of endorsed) expect(line).not.toMatch(/>verified$/);
    expect(html).toContain("1EdTech University is in good standing");
    // The recipient's identifiers never reach the public page.
    const subject = JSON.parse(read(COMPLETE)).credentialSubject;
    for (const id of subject.identifier ?? []) expect(html).not.toContain(id.identityHash);
    expect(html).not.toMatch(/sha256\$[0-9a-f]{8}/i);
  });
});

describe("alignments as skills", () => {
  it("OB 2.0: alignment targetName joins the tags", async () => {
    const assertion = JSON.parse(ob2Assertion({ title: "Spreadsheets", skills: ["Excel"] }));
    assertion.badge.alignment = [{ targetName: "Data analysis", targetUrl: "https://frameworks.example/da" }];
    const record = await importPayload(JSON.stringify(assertion));
    expect(record.skills).toEqual(expect.arrayContaining(["Excel", "Data analysis"]));
    expect(record.achievementType).toBeNull();
    expect(record.results).toEqual([]);
  });

  it("OB 3.0: every alignment targetName (not only competencies) joins the skills", async () => {
    const cred = ob3Credential("did:example:issuer");
    const achievement = (cred.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    achievement.alignment = [
      { type: ["Alignment"], targetName: "Team leadership", targetUrl: "https://x.example/1", targetType: "CFItem" },
      { type: ["Alignment"], targetName: "Conflict resolution", targetUrl: "https://x.example/2" },
    ];
    achievement.achievementType = "ext:PeerAward";
    const record = await importPayload(JSON.stringify(cred));
    expect(record.skills).toEqual(["Team leadership", "Conflict resolution"]);
    expect(achievementTypeLabel(record.achievementType)).toBe("PeerAward");
  });
});

describe("records stored before issue #13", () => {
  it.skipIf(!present)("re-normalising from the stored documents gives what an import gives today", async () => {
    const today = await importPayload(read(COMPLETE));
    const { achievementType: _a, results: _r, endorsements: _e, ...old } = today;
    const filled = withAchievementFields({ ...old, evidence: [] });
    expect(achievementDetails(filled)).toEqual(achievementDetails(today));
    expect(achievementView(achievementDetails(filled), null).endorsements.map((e) => e.statusText)).toEqual([
      "not checked yet",
      "not checked yet",
      "not checked yet",
    ]);
  });
});
