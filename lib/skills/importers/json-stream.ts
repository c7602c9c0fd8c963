// Yields the objects of a large JSON array without holding the whole file:
// the top-level array, or the array under "data" (or "skills"/"items") of a
// top-level object, as the Lightcast API returns it ({"attributions": [...],
// "data": [...]}). Strings and escapes are tracked so braces inside text don't
// confuse the depth count.
import { decodeChunks, type TextSource } from "./types";

const ARRAY_KEYS = new Set(["data", "skills", "items"]);

export async function* streamJsonArrayObjects(source: TextSource): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let targetDepth = -1; // depth inside the array we read
  let buf: string[] | null = null;
  let start = 0;
  let key = ""; // the string just read at depth 1 (an object member name)
  let lastKey = "";
  for await (const chunk of decodeChunks(source)) {
    start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        else if (depth === 1 && key.length < 64) key += c;
        continue;
      }
      if (c === '"') {
        inString = true;
        key = "";
      } else if (c === ":" && depth === 1) lastKey = key;
      else if (c === "{" || c === "[") {
        if (c === "[" && targetDepth < 0 && (depth === 0 || (depth === 1 && ARRAY_KEYS.has(lastKey))))
          targetDepth = depth + 1;
        else if (c === "{" && depth === targetDepth && !buf) {
          buf = [];
          start = i;
        }
        depth++;
      } else if (c === "}" || c === "]") {
        depth--;
        if (buf && depth === targetDepth && c === "}") {
          buf.push(chunk.slice(start, i + 1));
          yield JSON.parse(buf.join(""));
          buf = null;
        } else if (c === "]" && depth === targetDepth - 1) {
          return;
        }
      }
    }
    if (buf) buf.push(chunk.slice(start));
  }
  if (depth !== 0 || inString) throw new Error("The JSON file ends in the middle of a value.");
  if (targetDepth < 0)
    throw new Error('No list of skills found: expected a JSON array, or an object with a "data" array.');
}
