// What step 2 of /wallet/add shows, made from the staged badge data (split
// from server/wallet/import.ts).
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { achievementTypeLabel, resultText } from "@/lib/badges/achievement";
import type { SkillIndex } from "@/lib/skills";
import { recordSummary } from "@/lib/wallet/records";
import { MAX_DESCRIPTION, MAX_TITLE } from "@/lib/wallet/rules";
import { isoOrNull, safeImageUrl } from "./fields";
import { skillsFromBadge } from "./skills";
import type { ImportDraft, ImportOrigin } from "./types";

export function draftFrom(
  uploadId: string,
  origin: ImportOrigin,
  record: ParsedCredential | null,
  hasImage: boolean,
  verification: VerificationReport | null,
  skillIndex?: SkillIndex,
): ImportDraft {
  if (!record) {
    return {
      uploadId,
      origin,
      mode: "manual",
      hasImage,
      imageUrl: null,
      title: "",
      description: "",
      skills: [],
      details: null,
      verification,
    };
  }
  return {
    uploadId,
    origin,
    mode: "badge",
    hasImage,
    imageUrl: safeImageUrl(record.image),
    title: (record.title ?? "").slice(0, MAX_TITLE),
    description: (record.description ?? "").slice(0, MAX_DESCRIPTION),
    // A record's skills belong to its nested credentials (each keeps its own), so the form has none of its own.
    skills: record.spec === "clr2" ? [] : skillsFromBadge(record.skills ?? [], skillIndex),
    ...(record.spec === "clr2" ? { learnerRecord: recordSummary(record) } : {}),
    details: {
      spec: record.spec,
      issuerName: record.issuer?.name ?? null,
      issuerUrl: record.issuer?.url ?? record.issuer?.id ?? null,
      issuedOn: isoOrNull(record.issuedOn),
      expires: isoOrNull(record.expires),
      criteriaNarrative: record.criteria?.narrative ?? null,
      criteriaUrl: record.criteria?.url ?? null,
      externalId: record.id ?? null,
      unresolved: record.unresolved ?? [],
      achievementType: achievementTypeLabel(record.achievementType),
      results: (record.results ?? []).map(resultText),
    },
    verification,
  };
}
