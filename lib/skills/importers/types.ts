// What every taxonomy importer yields: one skill of an external taxonomy,
// keyed by its source and the source's own URI or id (the upsert key).

export type ImportFormat = "esco" | "onet" | "lightcast";

export interface ImportedSkill {
  source: ImportFormat;
  /** The taxonomy's own identifier: ESCO conceptUri, O*NET element id / example, Lightcast id. */
  sourceUri: string;
  label: string;
  aliases: string[];
  category: string;
  description: string | null;
}

/** Anything a file can be read as: a Node stream, or chunks in memory (tests). */
export type TextSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** The id a skill of this source gets in the skills table. */
export function importedSkillId(source: ImportFormat, sourceUri: string): string {
  return `${source}:${sourceUri}`;
}

export function cleanText(value: unknown, max = 1000): string {
  if (typeof value !== "string") return "";
  const s = value.replace(/\s+/g, " ").trim();
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

export async function* decodeChunks(source: TextSource): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
