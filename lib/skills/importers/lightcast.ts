// Lightcast Open Skills, as saved from the Skills API "list all skills"
// endpoint ({"data": [{ id, name, type: {name}, category: {name},
// subcategory: {name}, description, … }]}) or a bare array of such objects.
import { streamJsonArrayObjects } from "./json-stream";
import { cleanText, type ImportedSkill, type TextSource } from "./types";

interface LightcastSkill {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  type?: { name?: unknown } | null;
  category?: { name?: unknown } | null;
  subcategory?: { name?: unknown } | null;
  aliases?: unknown;
}

export async function* parseLightcastJson(source: TextSource): AsyncGenerator<ImportedSkill | { skipped: string }> {
  for await (const item of streamJsonArrayObjects(source)) {
    const s = item as LightcastSkill;
    const id = typeof s.id === "string" ? s.id.trim() : "";
    const label = cleanText(s.name, 300);
    if (!id || !label) {
      yield { skipped: id || label || "(no id)" };
      continue;
    }
    const category = cleanText(s.category?.name, 200) || cleanText(s.type?.name, 200);
    const aliases = Array.isArray(s.aliases) ? s.aliases.map((a) => cleanText(a, 300)).filter(Boolean) : [];
    yield {
      source: "lightcast",
      sourceUri: id,
      label,
      aliases,
      category: category ? `Lightcast ${category}` : "Lightcast",
      description: cleanText(s.description) || null,
    };
  }
}
