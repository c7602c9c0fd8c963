// O*NET database text files (tab-separated, header row, no quoting):
//  - "Technology Skills.txt" / "Tools Used.txt": O*NET-SOC Code, Example,
//    Commodity Code, Commodity Title[, Hot Technology, In Demand]. Each distinct
//    Example (e.g. "Microsoft Excel") is a skill; its commodity is the category.
//  - "Skills.txt", "Knowledge.txt", "Abilities.txt" (and other Content Model
//    files): O*NET-SOC Code, Element ID, Element Name, Scale ID, …. Each
//    distinct Element ID (e.g. 2.A.1.a "Reading Comprehension") is a skill.
// Both list the same skill once per occupation; we yield it once.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { slugify } from "../normalize";
import { cleanText, decodeChunks, type ImportedSkill, type TextSource } from "./types";

export async function* parseOnetText(
  source: TextSource,
  fileName = "",
): AsyncGenerator<ImportedSkill | { skipped: string }> {
  const parser = Readable.from(decodeChunks(source)).pipe(
    parse({
      delimiter: "\t",
      quote: false,
      columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, "").trim()),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  const seen = new Set<string>();
  const kind = /tools/i.test(fileName) ? "tool" : "tech";
  for await (const row of parser as AsyncIterable<Record<string, string | undefined>>) {
    if (row["Element ID"] !== undefined) {
      const id = (row["Element ID"] ?? "").trim();
      const label = cleanText(row["Element Name"], 300);
      if (!id || !label) {
        yield { skipped: id || "(empty row)" };
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      yield {
        source: "onet",
        sourceUri: `element:${id}`,
        label,
        aliases: [],
        category: `O*NET ${elementArea(id)}`,
        description: null,
      };
    } else if (row["Example"] !== undefined) {
      const label = cleanText(row["Example"], 300);
      if (!label) {
        yield { skipped: "(empty example)" };
        continue;
      }
      const key = `${row["Hot Technology"] !== undefined ? "tech" : kind}:${slugify(label)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const commodity = cleanText(row["Commodity Title"], 200);
      yield {
        source: "onet",
        sourceUri: key,
        label,
        aliases: [],
        category: commodity ? `O*NET ${commodity}` : "O*NET technology",
        description: null,
      };
    } else {
      throw new Error('This is not an O*NET skills file: expected an "Element ID" or "Example" column.');
    }
  }
}

// O*NET Content Model: 1.A abilities, 2.A basic skills, 2.B cross-functional skills, 2.C knowledge.
function elementArea(id: string): string {
  if (id.startsWith("2.C")) return "knowledge";
  if (id.startsWith("2.A")) return "basic skills";
  if (id.startsWith("2.B")) return "cross-functional skills";
  if (id.startsWith("1.A")) return "abilities";
  return "content model";
}
