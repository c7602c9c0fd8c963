// npm run bench:unbake — Sash's unbake vs a full pngjs decode vs openbadges-bakery's extract.
//
// The corpus is generated in the run: noise PNGs from ~10 KB to ~5 MB (noise barely compresses,
// so file size tracks pixel count), IDAT re-split into 8 KiB chunks like libpng writes, with an
// OB 2.0 iTXt badge chunk either right after IHDR or right before IEND.
// Peak RSS is measured in a fresh child process per method on the 5 MB file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { PNG } from "pngjs";
import { unbake } from "@/lib/badges";
import { insertChunks, noisePng, pngChunk, resplitIdat } from "@/tests/support/png";

const require = createRequire(import.meta.url);
const bakery = require("openbadges-bakery") as {
  extract: (img: Buffer, cb: (err: Error | null, data?: string) => void) => void;
};

type Method = "sash" | "pngjs" | "bakery";
const METHODS: Method[] = ["sash", "pngjs", "bakery"];

const ASSERTION = JSON.stringify({
  "@context": "https://w3id.org/openbadges/v2",
  type: "Assertion",
  id: "https://issuer.example/assertions/bench",
  recipient: {
    type: "email",
    hashed: true,
    identity: "sha256$0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
  },
  issuedOn: "2025-01-01T00:00:00Z",
  verification: { type: "hosted" },
  badge: {
    type: "BadgeClass",
    id: "https://issuer.example/badges/bench",
    name: "Benchmark Badge — Level 1",
    description: "Awarded for sitting through a benchmark.",
    image: "https://issuer.example/badges/bench.png",
    criteria: { narrative: "Run npm run bench:unbake." },
    tags: ["Patience", "Measurement"],
    issuer: { id: "https://issuer.example", type: "Issuer", name: "Example Issuer" },
  },
});

function badgeChunk(): Buffer {
  return pngChunk(
    "iTXt",
    Buffer.concat([Buffer.from("openbadges\0\0\0\0\0", "latin1"), Buffer.from(ASSERTION, "utf8")]),
  );
}

/** A noise PNG of roughly `bytes` bytes (IDAT in 8 KiB chunks), baked before or after the image data. */
function bakedPng(bytes: number, where: "before" | "after", seed: number): Buffer {
  const side = Math.max(8, Math.round(Math.sqrt(bytes / 4)));
  const png = resplitIdat(noisePng(side, side, { seed, opaque: false, deflateLevel: 1 }), 8192);
  return insertChunks(png, [badgeChunk()], where === "before" ? "before-idat" : "after-idat");
}

function bakeryExtract(buf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => bakery.extract(buf, (err, data) => (err ? reject(err) : resolve(data!))));
}

async function runOnce(method: Method, buf: Buffer): Promise<void> {
  if (method === "sash") {
    const r = await unbake(buf);
    if (r.title !== "Benchmark Badge — Level 1") throw new Error("sash: wrong result");
  } else if (method === "pngjs") {
    const img = PNG.sync.read(buf);
    if (img.width < 1) throw new Error("pngjs: no image");
  } else {
    const text = await bakeryExtract(buf);
    if (!text.includes("Benchmark Badge")) throw new Error("bakery: wrong result");
  }
}

/** Runs until both a minimum count and a minimum time are reached; returns seconds per file. */
async function measure(method: Method, buf: Buffer, minMs: number, minIters: number): Promise<number> {
  await runOnce(method, buf); // warm-up
  let iters = 0;
  const start = performance.now();
  while (iters < minIters || performance.now() - start < minMs) {
    await runOnce(method, buf);
    iters++;
  }
  return (performance.now() - start) / 1000 / iters;
}

/**
 * Peak RSS of this process in KiB. Linux's VmHWM belongs to the current address space, whereas
 * getrusage's maxRSS survives exec and would report the (big) parent's high-water mark.
 */
function peakRssKb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

// ---- Child mode: peak RSS of one method on one file ------------------------------------
if (process.argv[2] === "--child") {
  const method = process.argv[3] as Method | "none";
  if (method === "none") {
    process.stdout.write(JSON.stringify({ maxRssKb: peakRssKb() }));
    process.exit(0);
  }
  const buf = fs.readFileSync(process.argv[4]!);
  for (let i = 0; i < 10; i++) await runOnce(method, buf);
  process.stdout.write(JSON.stringify({ maxRssKb: peakRssKb() }));
  process.exit(0);
}

// ---- Main ---------------------------------------------------------------------------------
const SIZES = [10_000, 100_000, 1_000_000, 5_000_000];
const fmt = (n: number, d = 1) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (n: number) => (n >= 1e6 ? `${fmt(n / 1e6, 2)} MB` : `${fmt(n / 1e3, 0)} KB`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-bench-unbake-"));
console.error(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; generating corpus…`);

interface Row {
  file: string;
  size: number;
  perSec: Record<Method, number>;
}
const rows: Row[] = [];
let fiveMbFile = "";
for (const size of SIZES) {
  for (const where of ["before", "after"] as const) {
    const buf = bakedPng(size, where, size + (where === "after" ? 1 : 0));
    const name = `badge-${kb(size).replace(/\s/g, "")}-${where}-idat.png`;
    fs.writeFileSync(path.join(dir, name), buf);
    if (size === 5_000_000 && where === "after") fiveMbFile = path.join(dir, name);
    const perSec = {} as Record<Method, number>;
    for (const m of METHODS) {
      const big = buf.length > 500_000;
      const seconds = await measure(m, buf, m === "sash" ? 300 : big ? 600 : 300, m === "sash" ? 200 : 3);
      perSec[m] = 1 / seconds;
    }
    rows.push({ file: name, size: buf.length, perSec });
    console.error(
      `  ${name}: sash ${fmt(perSec.sash, 0)}/s, pngjs ${fmt(perSec.pngjs, 1)}/s, bakery ${fmt(perSec.bakery, 1)}/s`,
    );
  }
}

const rss: Record<Method, number> = { sash: 0, pngjs: 0, bakery: 0 };
const tsxCli = [process.execPath, "--import", "tsx", path.resolve(import.meta.dirname, "unbake.ts")];
for (const m of METHODS) {
  const out = execFileSync(tsxCli[0]!, [...tsxCli.slice(1), "--child", m, fiveMbFile], {
    encoding: "utf8",
    cwd: process.cwd(),
  });
  rss[m] = JSON.parse(out).maxRssKb / 1024;
}
// The same loader and imports, reading nothing: what the process costs before any work.
const idle =
  JSON.parse(execFileSync(tsxCli[0]!, [...tsxCli.slice(1), "--child", "none"], { encoding: "utf8" })).maxRssKb / 1024;

const lines: string[] = [];
lines.push(
  `Run: ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}.`,
);
lines.push("");
lines.push(
  "| file | size | Sash files/s | Sash MB/s | pngjs decode files/s | bakery extract files/s | Sash ÷ pngjs | Sash ÷ bakery |",
);
lines.push("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const mbps = (r.perSec.sash * r.size) / 1e6;
  lines.push(
    `| ${r.file} | ${kb(r.size)} | ${fmt(r.perSec.sash, 0)} | ${fmt(mbps, 0)} | ${fmt(r.perSec.pngjs, 1)} | ${fmt(r.perSec.bakery, 1)} | ${fmt(r.perSec.sash / r.perSec.pngjs, 0)}× | ${fmt(r.perSec.sash / r.perSec.bakery, 0)}× |`,
  );
}
const big = rows.filter((r) => r.size >= 1_000_000);
const minPngjs = Math.min(...big.map((r) => r.perSec.sash / r.perSec.pngjs));
const minBakery = Math.min(...big.map((r) => r.perSec.sash / r.perSec.bakery));
lines.push("");
lines.push(
  `On the ≥ 1 MB files Sash is at least **${fmt(minPngjs, 0)}×** a full pngjs decode (target ≥ 100×) and **${fmt(minBakery, 0)}×** openbadges-bakery (target ≥ 20×).`,
);
lines.push("");
lines.push(
  `Peak RSS on the 5 MB file (fresh process each, 10 runs, includes the tsx loader): Sash **${fmt(rss.sash, 0)} MB** (target ≤ 100 MB), pngjs ${fmt(rss.pngjs, 0)} MB, openbadges-bakery ${fmt(rss.bakery, 0)} MB; the same process loading everything but reading no file peaks at ${fmt(idle, 0)} MB.`,
);
console.log(lines.join("\n"));
fs.rmSync(dir, { recursive: true, force: true });
