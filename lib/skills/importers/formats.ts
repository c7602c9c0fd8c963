// The taxonomy formats `sash import-skills` reads, and one entry point that streams any of them.
import { parseEscoCsv } from "./esco";
import { parseLightcastJson } from "./lightcast";
import { parseOnetText } from "./onet";
import type { ImportedSkill, ImportFormat, TextSource } from "./types";

export const IMPORT_FORMATS: readonly ImportFormat[] = ["esco", "onet", "lightcast"];

/** Streams the skills of a taxonomy file; `{ skipped }` marks a row that carried no usable skill. */
export function parseSkillsFile(
  format: ImportFormat,
  source: TextSource,
  fileName = "",
): AsyncGenerator<ImportedSkill | { skipped: string }> {
  switch (format) {
    case "esco":
      return parseEscoCsv(source);
    case "onet":
      return parseOnetText(source, fileName);
    case "lightcast":
      return parseLightcastJson(source);
  }
}
