// Public API of the Open Badges library: bytes or pasted text in, one ParsedCredential out.
export { unbake, importPayload, extractBakedText, type UnbakeOptions } from "./unbake";
export { MAX_INPUT_BYTES, MAX_PAYLOAD_BYTES } from "./limits";
export { parsePayload, type BakedPayload } from "./payload";
export { findPngBadge, PNG_BADGE_KEYWORDS, type PngBadgeChunk } from "./png";
export { findSvgBadge, OB2_SVG_NAMESPACE, OB3_SVG_NAMESPACE, type SvgBadgeElement } from "./svg";
export { sniffContainer, type SniffResult } from "./sniff";
export { SashError, isSashError, DEFAULT_MESSAGES, type SashErrorCode } from "./errors";
export type * from "./types";
