// Issue #23 §4: jsonld.js is patched (patches/jsonld+9.0.0.patch, applied by patch-package at
// install) so that its processed-context cache hits under type-scoped contexts. The patch must
// not change a single byte of any canonical form: every JSON-LD credential in the real corpus
// (../shared/fixtures/real: JSON files and the JSON baked into PNG/SVG images), in samples/ and a
// signed CLR with nested credentials is canonicalised (RDFC-1.0) with the patched jsonld and with
// a stock copy (the same lib/ with the patch reversed, loaded as a separate module graph), cold and
// again with warm caches, and the N-Quads are compared byte for byte.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractBakedText } from "@/lib/badges";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { signedClr } from "@/tests/support/clr";
import { haveRealFixtures, REAL_FIXTURES } from "@/tests/support/fixtures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const PATCH = path.join(ROOT, "patches/jsonld+9.0.0.patch");
const JSONLD_LIB = path.join(ROOT, "node_modules/jsonld/lib");

type Canonize = (doc: unknown, opts: Record<string, unknown>) => Promise<string>;
type Jsonld = { canonize: Canonize };

/** Reverses a unified diff of one file on `text`: every hunk's new lines go back to its old lines. */
function reversePatch(text: string, patch: string): string {
  const hunks = patch.split(/^@@[^\n]*\n/m).slice(1);
  let out = text;
  for (const hunk of hunks) {
    const oldLines: string[] = [];
    const newLines: string[] = [];
    for (const line of hunk.split("\n")) {
      if (line.startsWith("diff --git")) break;
      if (line.startsWith("-")) oldLines.push(line.slice(1));
      else if (line.startsWith("+")) newLines.push(line.slice(1));
      else if (line.startsWith(" ") || line === "") {
        oldLines.push(line.slice(1));
        newLines.push(line.slice(1));
      }
    }
    // Trailing blank lines from the split are not part of the hunk.
    while (oldLines.length && newLines.length && oldLines.at(-1) === "" && newLines.at(-1) === "") {
      oldLines.pop();
      newLines.pop();
    }
    const from = newLines.join("\n");
    if (!out.includes(from)) throw new Error(`jsonld is not patched as patches/ says (a hunk is missing)`);
    out = out.replace(from, oldLines.join("\n"));
  }
  return out;
}

/** JSON-LD documents to canonicalise: name → document. */
function corpus(): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  const add = (name: string, text: string) => {
    try {
      const doc = JSON.parse(text) as unknown;
      if (doc && typeof doc === "object" && "@context" in doc) docs.set(name, doc);
    } catch {
      // Not JSON (a JWS or VC-JWT, a URL): not JSON-LD.
    }
  };
  const dirs = [path.join(ROOT, "samples")];
  if (haveRealFixtures("json")) dirs.push(...["json", "png", "svg"].map((d) => path.join(REAL_FIXTURES, d)));
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, file);
      const name = path.relative(path.dirname(ROOT), full);
      if (file.endsWith(".json")) add(name, fs.readFileSync(full, "utf8"));
      else if (/\.(png|svg)$/.test(file)) {
        try {
          add(name, extractBakedText(new Uint8Array(fs.readFileSync(full))).text);
        } catch {
          // No badge data in this image.
        }
      }
    }
  }
  return docs;
}

async function canonical(jsonld: Jsonld, doc: unknown): Promise<string> {
  try {
    return await jsonld.canonize(doc, {
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      documentLoader: staticDocumentLoader(),
      safe: false,
    });
  } catch (err) {
    return `error: ${(err as Error).name}: ${(err as Error).message}`;
  }
}

describe("the patched jsonld canonicalises exactly like the stock one", () => {
  let stockDir: string;
  let stock: Jsonld;
  let patched: Jsonld;

  beforeAll(() => {
    // Inside node_modules so the copy resolves rdf-canonize, lru-cache … like the original.
    stockDir = fs.mkdtempSync(path.join(ROOT, "node_modules/.sash-stock-jsonld-"));
    fs.cpSync(JSONLD_LIB, path.join(stockDir, "lib"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "node_modules/jsonld/package.json"), path.join(stockDir, "package.json"));
    const contextJs = path.join(stockDir, "lib/context.js");
    const patchedText = fs.readFileSync(contextJs, "utf8");
    const stockText = reversePatch(patchedText, fs.readFileSync(PATCH, "utf8"));
    expect(stockText).not.toBe(patchedText);
    expect(stockText).not.toContain("_nonPropagatingClones");
    fs.writeFileSync(contextJs, stockText);
    const require = createRequire(path.join(os.tmpdir(), "x.js"));
    stock = require(path.join(stockDir, "lib/index.js")) as Jsonld;
    patched = require(path.join(JSONLD_LIB, "index.js")) as Jsonld;
    expect(stock).not.toBe(patched);
  });

  afterAll(() => {
    if (stockDir) fs.rmSync(stockDir, { recursive: true, force: true });
  });

  it("is patched: the installed jsonld carries patches/jsonld+9.0.0.patch", () => {
    expect(fs.readFileSync(path.join(JSONLD_LIB, "context.js"), "utf8")).toContain("_nonPropagatingClones");
  });

  it("every JSON-LD credential of the corpus and samples/, cold and warm, byte for byte", async () => {
    const docs = corpus();
    expect(docs.size).toBeGreaterThan(0);
    let compared = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (const [name, doc] of docs) {
        const [a, b] = [await canonical(stock, doc), await canonical(patched, doc)];
        expect(b, name).toBe(a);
        if (!a.startsWith("error:")) compared++;
      }
    }
    // Most of them canonicalise (the rest fail the same way in both, e.g. a context Sash lacks).
    expect(compared).toBeGreaterThan(docs.size);
  });

  it("a CLR with nested credentials under type-scoped contexts, and each nested credential alone", async () => {
    const { clr, nested } = await signedClr({ count: 5 });
    for (let pass = 0; pass < 2; pass++) {
      for (const doc of [clr, ...nested]) {
        const [a, b] = [await canonical(stock, doc), await canonical(patched, doc)];
        expect(a.startsWith("error:")).toBe(false);
        expect(b).toBe(a);
      }
    }
  });
});
