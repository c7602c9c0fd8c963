// A baked SVG without its badge data (issue #11 §5): the public image must not
// carry the recipient. Removes every element whose local name is `assertion`
// or `credential` under any prefix (OB 2.0 / OB 3.0 baking), unprefixed ones
// too, and the namespace declarations' `verify` attributes on them go with them.
// Returns null when the result still looks like it holds badge data, so the
// caller can refuse rather than leak.

const ELEMENT = /<((?:[A-Za-z_][\w.-]*:)?)(assertion|credential)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\2\s*>)/g;
const LEFTOVER =
  /<(?:[A-Za-z_][\w.-]*:)?(?:assertion|credential)\b|"@context"|openbadgecredential|"recipient"|"identityHash"/i;

export function stripSvgBadgeData(svg: Uint8Array): Uint8Array | null {
  let text = Buffer.from(svg.buffer, svg.byteOffset, svg.byteLength).toString("utf8");
  for (let i = 0; i < 10; i++) {
    const next = text.replace(ELEMENT, "");
    if (next === text) break;
    text = next;
  }
  if (LEFTOVER.test(text)) return null;
  return new Uint8Array(Buffer.from(text, "utf8"));
}
