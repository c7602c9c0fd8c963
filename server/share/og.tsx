// The Open Graph card for a share link (1200×630 PNG): badge, title, learner.
// Rendered with next/og (satori + resvg) and its bundled font. Text is limited
// to characters that font covers: for any other glyph next/og would fetch a
// font (or an emoji image) from a third-party CDN, sending the learner's
// title and name there.
import { ImageResponse } from "next/og";
import type { OgInput } from "./cache";

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Keep Basic Latin, Latin-1, Latin Extended-A and general punctuation; drop the rest. */
export function ogSafeText(text: string | null | undefined, max: number): string {
  const kept = Array.from(text ?? "")
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x2010 && cp <= 0x2027)) return ch;
      return cp === 0x09 || cp === 0x0a ? " " : "";
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return kept.length > max ? `${kept.slice(0, max - 1).trimEnd()}…` : kept;
}

function OgCard({ input }: { input: OgInput }) {
  const title = ogSafeText(input.title, 90) || "Credential";
  const learner = ogSafeText(input.learnerName, 60);
  const issuer = ogSafeText(input.issuerName, 60);
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        background: "#f2f7f5",
        padding: 64,
        fontSize: 32,
        color: "#1c1917",
      }}
    >
      {input.badge ? (
        // eslint-disable-next-line @next/next/no-img-element -- next/og renders plain <img> (Satori); next/image does not apply
        <img
          src={`data:${input.badge.mime};base64,${input.badge.base64}`}
          width={380}
          height={380}
          style={{ objectFit: "contain", marginRight: 56 }}
          alt=""
        />
      ) : (
        <div
          style={{
            width: 380,
            height: 380,
            marginRight: 56,
            borderRadius: 190,
            background: "#17563f",
            display: "flex",
          }}
        />
      )}
      <div style={{ display: "flex", flexDirection: "column", flex: 1 }}>
        <div style={{ fontSize: 58, fontWeight: 700, lineHeight: 1.15, color: "#114231" }}>{title}</div>
        {learner ? <div style={{ marginTop: 28 }}>{`Held by ${learner}`}</div> : null}
        {issuer ? <div style={{ marginTop: 10, color: "#44403c" }}>{`Issued by ${issuer}`}</div> : null}
        <div style={{ marginTop: 40, fontSize: 28, color: "#17563f", fontWeight: 700 }}>Sash</div>
      </div>
    </div>
  );
}

async function toPng(input: OgInput): Promise<Uint8Array> {
  const res = new ImageResponse(<OgCard input={input} />, { width: OG_WIDTH, height: OG_HEIGHT, emoji: undefined });
  return new Uint8Array(await res.arrayBuffer());
}

/** PNG bytes; a badge image the renderer can't read falls back to a plain disc. */
export async function renderOgImage(input: OgInput): Promise<Uint8Array> {
  if (!input.badge) return toPng(input);
  try {
    const png = await toPng(input);
    if (png.byteLength > 0) return png;
  } catch {
    // fall through
  }
  return toPng({ ...input, badge: null });
}
