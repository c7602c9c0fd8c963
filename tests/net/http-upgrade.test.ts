// Issue #20 §4 (problem 8): an http:// address — common in OB 1.0/2.0 badges, keys and issuer
// profiles — is tried over https first, and over plain http only for a host SASH_ALLOW_FETCH_HOSTS
// (the fetcher's allowHosts) allows. Real servers on 127.0.0.1: an https server with a certificate
// for badges.test made here with openssl, and a plain http server; DNS answers from a table.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, type DnsLookup } from "@/lib/net/fetcher";
import { FetchError } from "@/lib/net/errors";
import { importPayload } from "@/lib/badges";
import { verifyCredential } from "@/lib/badges/verify";

const dns: DnsLookup = async (host) => {
  if (host === "badges.test") return [{ address: "127.0.0.1", family: 4 }];
  throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};

let cert: string;
let secure: https.Server;
let plain: http.Server;
let sPort: number;
let pPort: number;
const hits: string[] = [];

function handler(scheme: string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    hits.push(`${scheme} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ served: scheme, path: req.url }));
  };
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=badges.test",
      "-addext",
      "subjectAltName=DNS:badges.test",
    ],
    { stdio: "ignore" },
  );
  cert = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
  const key = fs.readFileSync(path.join(dir, "key.pem"), "utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  secure = https.createServer({ key, cert }, handler("https"));
  plain = http.createServer(handler("http"));
  await new Promise<void>((r) => secure.listen(0, "127.0.0.1", r));
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  sPort = (secure.address() as AddressInfo).port;
  pPort = (plain.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => secure.close(() => r()));
  await new Promise<void>((r) => plain.close(() => r()));
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "NO_ERROR";
  } catch (e) {
    return e instanceof FetchError ? e.code : String(e);
  }
}

describe("http:// addresses", () => {
  it("are fetched over https when the host answers there, even when plain http isn't allowed", async () => {
    const f = createFetcher({ allowHosts: [`badges.test:${sPort}`], lookup: dns, ca: cert });
    const doc = await f(`http://badges.test:${sPort}/assertion.json`);
    expect(doc.url).toBe(`https://badges.test:${sPort}/assertion.json`);
    expect(JSON.parse(doc.text)).toEqual({ served: "https", path: "/assertion.json" });
  });

  it("fall back to plain http only for a host the allow-list names", async () => {
    const allowed = createFetcher({ allowHosts: [`badges.test:${pPort}`], lookup: dns, ca: cert });
    const doc = await allowed(`http://badges.test:${pPort}/key.json`);
    expect(doc.url).toBe(`http://badges.test:${pPort}/key.json`);
    expect(JSON.parse(doc.text)).toEqual({ served: "http", path: "/key.json" });
    // Not allowed: https didn't answer, and plain http is refused.
    const before = hits.length;
    const refused = createFetcher({ allowHosts: [`badges.test:${sPort}`], lookup: dns, ca: cert });
    expect(await codeOf(refused(`http://badges.test:${pPort}/key.json`))).toBe("FETCH_BLOCKED");
    expect(hits.slice(before)).toEqual([]);
  });

  it("an http:// OB 2.0 hosted assertion verifies over https", async () => {
    const o = `http://badges.test:${sPort}`;
    const docs: Record<string, unknown> = {
      "/assertions/1": {
        "@context": "https://w3id.org/openbadges/v2",
        type: "Assertion",
        id: `${o}/assertions/1`,
        recipient: { type: "email", hashed: false, identity: "ada@example.org" },
        badge: `${o}/badge.json`,
        issuedOn: "2024-05-01T00:00:00Z",
        verification: { type: "hosted" },
      },
      "/badge.json": { type: "BadgeClass", id: `${o}/badge.json`, name: "Plain Old Badge", issuer: `${o}/issuer.json` },
      "/issuer.json": { type: "Issuer", id: `${o}/issuer.json`, name: "Old School" },
    };
    secure.removeAllListeners("request");
    secure.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      const body = docs[req.url ?? ""];
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
    });
    const fetcher = () => createFetcher({ allowHosts: [`badges.test:${sPort}`], lookup: dns, ca: cert });
    const record = await importPayload(JSON.stringify(docs["/assertions/1"]), { fetcher: fetcher() });
    expect(record.title).toBe("Plain Old Badge");
    const r = await verifyCredential(record, {
      fetcher: fetcher(),
      recipientEmails: ["ada@example.org"],
      now: new Date("2026-06-01T00:00:00Z"),
    });
    expect(r.checks.find((c) => c.id === "hosted")!.status).toBe("pass");
    expect(r.result).not.toBe("invalid");
  });
});
