// Picks the importer by file name, falling back to sniffing the content.
import { parseJobPostingCsv } from "./csv";
import { parseJobPostingJsonLd } from "./jsonld";
import type { ParsedPostings } from "./types";

export function parseJobPostingFile(fileName: string, content: string, source: string): ParsedPostings {
  const lower = fileName.toLowerCase();
  const looksJson = /^\s*[[{]/.test(content.replace(/^\uFEFF/, ""));
  if (lower.endsWith(".csv") || (!lower.match(/\.(json|jsonld|json-ld)$/) && !looksJson))
    return parseJobPostingCsv(source, content);
  return parseJobPostingJsonLd(source, content);
}
