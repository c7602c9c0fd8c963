// Badge descriptions and criteria are Markdown written by whoever issued the
// badge — attacker-controlled text. Render it with raw HTML off, no images
// (a remote image is a tracking pixel) and only http/https/mailto links.
import MarkdownIt from "markdown-it";

/** Longest text rendered; the rest is cut with an ellipsis (keeps a 100 KB description readable and cheap). */
export const MARKDOWN_MAX_CHARS = 20_000;

const SAFE_LINK = /^(https?:|mailto:)/i;

function createRenderer() {
  const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
  // `![alt](url)` then renders as literal "!" plus an ordinary (validated) link.
  md.disable(["image"]);
  // markdown-it's own validateLink blocks javascript:/vbscript:/file:/data:; narrow it to an allow-list.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const defaultOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    token.attrSet("rel", "nofollow noopener");
    token.attrSet("target", "_blank");
    return defaultOpen ? defaultOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

const renderer = createRenderer();

export function truncateText(text: string, max = MARKDOWN_MAX_CHARS): string {
  if (text.length <= max) return text;
  // Don't split a surrogate pair.
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Markdown → inert HTML (escaped text, safe links, no images, no raw HTML). */
export function renderMarkdown(text: string | null | undefined): string {
  if (!text) return "";
  return renderer.render(truncateText(text));
}
