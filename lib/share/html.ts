// A minimal HTML template tag: every interpolated value is escaped unless it is
// already SafeHtml (built by this tag, or wrapped by `trusted` for output of
// the Markdown renderer / JSON-LD serialiser). Used instead of react-dom/server,
// which Next.js refuses to bundle into route handlers.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | null | undefined | false | SafeHtml | HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function stringify(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(stringify).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += stringify(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Mark markup produced by a sanitising renderer as safe to embed. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
