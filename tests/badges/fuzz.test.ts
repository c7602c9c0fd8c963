// Thousands of mutated PNGs and SVGs (seeded, reproducible): only SashError ever escapes,
// every call settles, and memory stays bounded.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { unbake } from "@/lib/badges";
import { SashError } from "@/lib/badges/errors";
import { OB2_ASSERTION, OB3_CREDENTIAL, basePng, bakePng, bakeSvg, compactJws, iTXt, tEXt } from "../support/bake";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import { fixCrcs } from "../support/png";

/** mulberry32: tiny seeded PRNG so a failure can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

function mutateBytes(src: Buffer, r: Rng): Buffer {
  let b = Buffer.from(src);
  const ops = 1 + r.int(4);
  for (let i = 0; i < ops; i++) {
    switch (r.int(7)) {
      case 0: // flip bits
        for (let k = 0; k < 1 + r.int(8); k++) b[r.int(b.length)]! ^= 1 << r.int(8);
        break;
      case 1: // truncate
        b = b.subarray(0, r.int(b.length));
        break;
      case 2: {
        // insert random bytes
        const at = r.int(b.length);
        const junk = Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256)));
        b = Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
        break;
      }
      case 3: {
        // delete a range
        const at = r.int(b.length);
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + r.int(256)))]);
        break;
      }
      case 4: {
        // duplicate a slice
        const at = r.int(b.length);
        const slice = b.subarray(at, at + 1 + r.int(512));
        b = Buffer.concat([b.subarray(0, at), slice, slice, b.subarray(at)]);
        break;
      }
      case 5: // overwrite a 4-byte word with an extreme value (hits chunk lengths)
        if (b.length > 4)
          b.writeUInt32BE(r.pick([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, r.int(1 << 20)]), r.int(b.length - 4));
        break;
      default:
        if (b.length > 0) b[r.int(b.length)] = r.pick([0, 0x7b, 0x7d, 0x22, 0x2e, 0xff]);
    }
    if (b.length === 0) break;
  }
  return b;
}

const SVG_SNIPPETS = [
  "<",
  ">",
  "]]>",
  "<![CDATA[",
  "&",
  "&amp;",
  "&#x0;",
  "&lol;",
  '"',
  "<!DOCTYPE svg [<!ENTITY a 'b'>]>",
  "<g>",
  "</g>",
  'xmlns:ob="http://openbadges.org"',
  "<ob:assertion>",
  "\u0000",
  "\uFEFF",
  "{",
  "}",
  "<!--",
  "-->",
];

function mutateSvg(src: string, r: Rng): Buffer {
  let s = src;
  const ops = 1 + r.int(4);
  for (let i = 0; i < ops; i++) {
    const at = r.int(s.length + 1);
    switch (r.int(4)) {
      case 0:
        s = s.slice(0, at) + r.pick(SVG_SNIPPETS) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(64));
        break;
      case 2:
        s = s.slice(0, at) + "<g>".repeat(r.int(2000)) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(r.int(0x3000)) + s.slice(at + 1);
    }
  }
  return r.int(10) === 0 ? mutateBytes(Buffer.from(s), r) : Buffer.from(s);
}

async function settle(bytes: Uint8Array, seed: number, tally: Map<string, number>): Promise<void> {
  try {
    await unbake(bytes); // no fetcher: never touches the network
    tally.set("ok", (tally.get("ok") ?? 0) + 1);
  } catch (err) {
    if (!(err instanceof SashError)) {
      throw new Error(`seed ${seed}: escaped ${(err as Error)?.name}: ${(err as Error)?.message}`);
    }
    // unbake() wraps stray exceptions as a last resort; the fuzz wants none of those either.
    if (err.detail === "unexpected error while reading the badge") {
      throw new Error(`seed ${seed}: internal error ${(err.cause as Error)?.stack}`);
    }
    tally.set(err.code, (tally.get(err.code) ?? 0) + 1);
  }
}

describe("fuzz", () => {
  it("3000 mutated PNGs: only SashError escapes", async () => {
    const ob2 = JSON.stringify(OB2_ASSERTION);
    const seeds = [
      bakePng(basePng(24, 24, 3), [tEXt("date:create", "2024"), iTXt("openbadges", ob2)], "before-idat"),
      bakePng(basePng(24, 24, 4), [iTXt("openbadgecredential", JSON.stringify(OB3_CREDENTIAL))], "after-idat"),
      bakePng(basePng(24, 24, 5), [iTXt("openbadges", ob2, { compressed: true })]),
      bakePng(basePng(24, 24, 6), [iTXt("openbadgecredential", compactJws({ alg: "RS256" }, OB3_CREDENTIAL))]),
      bakePng(basePng(24, 24, 7), [tEXt("openbadges", "https://issuer.example/a.json")]),
    ];
    const tally = new Map<string, number>();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    for (let seed = 1; seed <= 3000; seed++) {
      const r = prng(seed);
      let bytes = mutateBytes(r.pick(seeds), r);
      if (r.int(2) === 0) bytes = fixCrcs(bytes);
      await settle(bytes, seed, tally);
      if (seed % 250 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(3000);
    // The mutations reach past the container into the payload parsers.
    expect(tally.get("CORRUPT_IMAGE")).toBeGreaterThan(0);
    expect(tally.get("INVALID_PAYLOAD")).toBeGreaterThan(0);
    expect(tally.get("ok")).toBeGreaterThan(0);
    expect(rssPeak - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });

  it("2000 mutated SVGs: only SashError escapes", async () => {
    const seeds = [
      bakeSvg(
        `<openbadges:assertion verify="https://issuer.example/a"><![CDATA[${JSON.stringify(OB2_ASSERTION, null, 2)}]]></openbadges:assertion>`,
        { doctype: true },
      ).toString(),
      bakeSvg(`<ob:credential><![CDATA[${JSON.stringify(OB3_CREDENTIAL)}]]></ob:credential>`, {
        prefix: "ob",
        namespace: "https://purl.imsglobal.org/ob/v3p0",
      }).toString(),
      bakeSvg(`<openbadges:credential verify="${compactJws({ alg: "RS256" }, OB3_CREDENTIAL)}"/>`, {
        namespace: "https://purl.imsglobal.org/ob/v3p0",
      }).toString(),
    ];
    const tally = new Map<string, number>();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    for (let seed = 1; seed <= 2000; seed++) {
      const r = prng(1_000_000 + seed);
      await settle(mutateSvg(r.pick(seeds), r), seed, tally);
      if (seed % 250 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(2000);
    expect(tally.get("ok")).toBeGreaterThan(0);
    expect(tally.size).toBeGreaterThan(2);
    expect(rssPeak - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });
});

describe("fuzz on real files", () => {
  const dir = realFixture("png");
  const files = haveRealFixtures("png")
    ? fs
        .readdirSync(dir)
        .map((f) => fs.readFileSync(path.join(dir, f)))
        .filter((b) => b.length < 120_000)
    : [];

  it.skipIf(files.length === 0)("1000 mutated real PNGs: only SashError escapes", async () => {
    const tally = new Map<string, number>();
    for (let seed = 1; seed <= 1000; seed++) {
      const r = prng(2_000_000 + seed);
      let bytes = mutateBytes(r.pick(files), r);
      if (r.int(2) === 0) bytes = fixCrcs(bytes);
      await settle(bytes, seed, tally);
    }
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(tally.get("ok")).toBeGreaterThan(0);
  });
});
