// The picture a share link may show for a stored badge file (issue #11 §5): a baked SVG
// without its badge elements, a PNG re-encoded from its pixels (no badge data, so no
// recipient). CPU-heavy for a big PNG (decode and re-encode), so the server runs it in
// its worker pool (server/workers, issue #23 §3), never on the request thread.
import { toPublicImage, type PublicImage } from "./image";
import { stripSvgBadgeData } from "./strip-svg";

export function publicBadgeImage(file: { mimeType: string; bytes: Uint8Array; baked: boolean }): PublicImage | null {
  if (file.baked && file.mimeType === "image/svg+xml") {
    const stripped = stripSvgBadgeData(file.bytes);
    return stripped ? toPublicImage({ mime: "image/svg+xml", bytes: stripped, baked: false }) : null;
  }
  return toPublicImage({ mime: file.mimeType, bytes: file.bytes, baked: false });
}
