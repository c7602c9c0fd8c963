// test:load's share-link readers (bench/load.ts), on a thread of their own: the same process sends the 169
// saves, and on its event loop a reader's answer would wait behind theirs, counting the bench's own delay
// as the server's. Reads `/c/<slug>`, its image and unknown slugs in turn over `connections` loops until
// told "stop", then posts every latency and a tally of what came back.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

const { base, slug, connections } = workerData;
let reading = true;
const ms = [];
const tally = {};
const bump = (k) => void (tally[k] = (tally[k] ?? 0) + 1);

parentPort.on("message", (m) => {
  if (m === "stop") reading = false;
});

const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    for (let n = 0; reading; n++) {
      const kind = n % 3 === 0 ? "page" : n % 3 === 1 ? "image" : "unknown";
      const target =
        kind === "page"
          ? `/c/${slug}`
          : kind === "image"
            ? `/c/${slug}/image`
            : `/c/${randomBytes(16).toString("base64url")}`;
      const t0 = performance.now();
      try {
        const r = await fetch(base + target);
        await r.arrayBuffer();
        bump(`${kind} ${r.status}`);
      } catch {
        bump("network error");
      }
      ms.push(performance.now() - t0);
    }
  }),
);
parentPort.postMessage({ ms, tally, seconds: (performance.now() - started) / 1000 });
