// ESCO skills CSV (the "skills_en.csv" of the ESCO download): one row per
// skill/competence or knowledge concept. Columns used: conceptUri,
// preferredLabel, altLabels (newline-separated inside the quoted field),
// skillType, description. ESCO v1.1 classification, "Download" CSV format.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { cleanText, decodeChunks, type ImportedSkill, type TextSource } from "./types";

/** ESCO concept URIs end in a UUID; it becomes the stable id ("esco:<uuid>"). */
export function escoKey(conceptUri: string): string {
  const m = /\/skill\/([0-9a-f-]{36})\/?$/i.exec(conceptUri.trim());
  return m ? m[1].toLowerCase() : conceptUri.trim();
}

export async function* parseEscoCsv(source: TextSource): AsyncGenerator<ImportedSkill | { skipped: string }> {
  const parser = Readable.from(decodeChunks(source)).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, "").trim()),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  for await (const row of parser as AsyncIterable<Record<string, string | undefined>>) {
    const uri = (row.conceptUri ?? "").trim();
    const label = cleanText(row.preferredLabel, 300);
    if (!uri || !label) {
      yield { skipped: uri || label || "(empty row)" };
      continue;
    }
    if (row.conceptType && row.conceptType !== "KnowledgeSkillCompetence") {
      yield { skipped: uri };
      continue;
    }
    const aliases = (row.altLabels ?? "")
      .split(/\r?\n|\|/)
      .map((a) => cleanText(a, 300))
      .filter(Boolean);
    const type = cleanText(row.skillType, 60);
    yield {
      source: "esco",
      sourceUri: escoKey(uri),
      label,
      aliases,
      category: type ? `ESCO ${type}` : "ESCO",
      description: cleanText(row.description || row.definition) || null,
    };
  }
}
