// SVG container: find the Open Badges element, whatever prefix binds its namespace.
//
// OB 2.0 Baking §SVG: an `assertion` element in namespace http://openbadges.org, JSON in its
// body (usually CDATA) and/or the assertion URL or JWS in its `verify` attribute.
// OB 3.0 §5.3.2 (Baked Badge, SVG): a `credential` element in namespace
// https://purl.imsglobal.org/ob/v3p0, JSON in CDATA or a compact JWS in `verify`.
// The XML is parsed with DOCTYPE processing and entity expansion off (no XXE, no entity bombs).
import { XMLParser } from "fast-xml-parser";
import { SashError } from "./errors";
import { MAX_PAYLOAD_BYTES } from "./limits";

export const OB2_SVG_NAMESPACE = "http://openbadges.org";
export const OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";

export interface SvgBadgeElement {
  /** Local name of the element: "assertion" (OB 1/2) or "credential" (OB 3). */
  localName: "assertion" | "credential";
  namespace: string;
  /** Text/CDATA body, exactly as found (may be empty or whitespace). */
  body: string;
  /** The `verify` attribute, if any. */
  verify: string | null;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: false,
  processEntities: false, // no DOCTYPE entity declarations, no expansion
  htmlEntities: false,
  cdataPropName: "#cdata",
  commentPropName: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

// The five predefined XML entities and character references are decoded by hand (no expansion
// of anything a document declares), so a body escaped as &quot;…&quot; still reads as JSON.
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decodeXmlText(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return PREDEFINED[ref] ?? whole;
    const cp = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/**
 * Removes the DOCTYPE declaration (with any internal subset) before parsing, so no entity
 * declaration is ever read, let alone expanded or fetched. Linear scan, quote- and bracket-aware.
 */
export function stripDoctype(xml: string): string {
  const start = xml.search(/<!DOCTYPE/i);
  if (start < 0) return xml;
  const root = xml.search(/<[A-Za-z_]/);
  if (root >= 0 && root < start) return xml; // a DOCTYPE after the root element is not a prolog DOCTYPE
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 9; i < xml.length; i++) {
    const c = xml[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === ">" && depth === 0) return xml.slice(0, start) + xml.slice(i + 1);
  }
  return xml; // unterminated: let the parser reject it
}

function attributesOf(node: OrderedNode): Record<string, string> {
  const attrs = node[":@"];
  return attrs && typeof attrs === "object" ? (attrs as Record<string, string>) : {};
}

function elementName(node: OrderedNode): string | null {
  for (const key of Object.keys(node)) {
    if (key !== ":@" && key !== "#text" && key !== "#cdata") return key;
  }
  return null;
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return "";
  let out = "";
  for (const child of children as OrderedNode[]) {
    if (typeof child["#text"] === "string") out += decodeXmlText(child["#text"]);
    else if (Array.isArray(child["#cdata"])) {
      for (const c of child["#cdata"] as OrderedNode[]) if (typeof c["#text"] === "string") out += c["#text"];
    }
  }
  return out;
}

/** Whether the document's root element is <svg> (any prefix bound to the SVG namespace, or none). */
function findRoot(nodes: OrderedNode[]): OrderedNode | null {
  for (const n of nodes) {
    const name = elementName(n);
    if (name) return n;
  }
  return null;
}

/**
 * Returns the first Open Badges element in document order, or null when the SVG has none.
 * Throws CORRUPT_IMAGE when the XML cannot be parsed or the root is not <svg>.
 */
export function findSvgBadge(text: string): SvgBadgeElement | null {
  let tree: OrderedNode[];
  try {
    tree = parser.parse(stripDoctype(text)) as OrderedNode[];
  } catch (err) {
    throw new SashError("CORRUPT_IMAGE", "This SVG file is damaged, so its badge data can't be read.", {
      cause: err,
      detail: "XML does not parse",
    });
  }
  const root = Array.isArray(tree) ? findRoot(tree) : null;
  const rootName = root ? elementName(root) : null;
  if (!root || !rootName || rootName.split(":").pop() !== "svg") {
    throw new SashError("CORRUPT_IMAGE", "This SVG file is damaged, so its badge data can't be read.", {
      detail: "root element is not <svg>",
    });
  }

  // Depth-first walk with an explicit stack of namespace scopes (no recursion: deep nesting is cheap).
  type Frame = { node: OrderedNode; scope: Map<string, string> };
  const stack: Frame[] = [{ node: root, scope: new Map() }];
  while (stack.length > 0) {
    const { node, scope: parentScope } = stack.pop()!;
    const name = elementName(node);
    if (!name) continue;
    const attrs = attributesOf(node);
    let scope = parentScope;
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "xmlns" || k.startsWith("xmlns:")) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(k === "xmlns" ? "" : k.slice(6), String(v));
      }
    }
    const colon = name.indexOf(":");
    const prefix = colon >= 0 ? name.slice(0, colon) : "";
    const local = colon >= 0 ? name.slice(colon + 1) : name;
    const ns = scope.get(prefix);
    if ((local === "assertion" && ns === OB2_SVG_NAMESPACE) || (local === "credential" && ns === OB3_SVG_NAMESPACE)) {
      const body = textOf(node[name]);
      if (body.length > MAX_PAYLOAD_BYTES) {
        throw new SashError("PAYLOAD_TOO_LARGE", "The badge data in this image is far too large to be genuine.");
      }
      const verify = typeof attrs.verify === "string" ? decodeXmlText(attrs.verify) : null;
      return { localName: local, namespace: ns, body, verify };
    }
    const children = node[name];
    if (Array.isArray(children)) {
      // Push in reverse so the first child is visited first (document order).
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as OrderedNode;
        if (child && typeof child === "object" && elementName(child)) stack.push({ node: child, scope });
      }
    }
  }
  return null;
}
