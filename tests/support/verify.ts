// Test helpers for verification: ParsedCredentials built from payloads, keys made in
// setup, credentials signed here, and a local HTTP server for hosted documents.
import http from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { issue } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { ParsedCredential, Fetcher, FetchedDocument, PayloadEncoding, Recipient } from "@/lib/badges/types";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { IssuerRegistries } from "@/lib/badges/verify/registries";

export const LEARNER_EMAIL = "ada@example.org";

/** A record as the unbaker would give it, built from a raw payload. */
export function record(
  spec: ParsedCredential["spec"],
  encoding: PayloadEncoding,
  raw: string,
  extra: Partial<ParsedCredential> = {},
): ParsedCredential {
  let assertion: Record<string, unknown> | null = null;
  if (encoding === "json") assertion = JSON.parse(raw);
  if (encoding === "jws" || encoding === "vc-jwt") {
    const claims = JSON.parse(Buffer.from(raw.split(".")[1]!, "base64url").toString("utf8"));
    assertion = encoding === "vc-jwt" && claims.vc ? claims.vc : claims;
  }
  return {
    spec,
    title: null,
    description: null,
    image: null,
    criteria: { narrative: null, url: null },
    issuer: { id: null, name: null, url: null, email: null, image: null },
    issuedOn: null,
    expires: null,
    recipient: null,
    skills: [],
    alignments: [],
    evidence: [],
    id: null,
    source: { container: null, encoding, keyword: null },
    unresolved: [],
    raw,
    documents: { assertion, badgeClass: null, issuer: null },
    ...extra,
  };
}

export function emailRecipient(identity: string, hashed = false, salt: string | null = null): Recipient {
  return { kind: "identity", type: "email", identity, hashed, salt };
}

/** Changes one character inside a string value of a JSON payload (the "one changed char" tamper). */
export function tamperJson(text: string, needle: string): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in payload`);
  const c = text[i]!;
  return text.slice(0, i) + (c === "X" ? "Y" : "X") + text.slice(i + 1);
}

/** Changes one character of a JWS payload (decoded, edited, re-encoded; signature kept). */
export function tamperJws(jws: string, from: string, to: string): string {
  const [h, p, s] = jws.split(".");
  const payload = Buffer.from(p!, "base64url").toString("utf8");
  if (!payload.includes(from)) throw new Error("tamper target missing");
  return [h, Buffer.from(payload.replace(from, to), "utf8").toString("base64url"), s].join(".");
}

// ---- did:key signing -----------------------------------------------------------

export interface DidKeySigner {
  did: string;
  methodId: string;
  key: Ed25519Multikey.Ed25519MultikeyPair;
}

/** A did:key signer: a fresh key, or the one a 32-byte `seed` always gives (a fixed test issuer). */
export async function didKeySigner(seed?: Uint8Array): Promise<DidKeySigner> {
  const fresh = await Ed25519Multikey.generate(seed ? { seed } : {});
  const exported = await fresh.export({ publicKey: true, secretKey: true, includeContext: true });
  const did = `did:key:${fresh.publicKeyMultibase}`;
  const methodId = `${did}#${fresh.publicKeyMultibase}`;
  const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: did });
  return { did, methodId, key };
}

export async function signEddsaRdfc2022(
  credential: Record<string, unknown>,
  signer: DidKeySigner,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: signer.key.signer(), cryptosuite: eddsaRdfc2022 });
  return issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: staticDocumentLoader(),
    now: new Date("2020-01-01T00:00:00Z"),
  });
}

export async function signEd25519Signature2020(
  credential: Record<string, unknown>,
  signer: DidKeySigner,
): Promise<Record<string, unknown>> {
  const suite = new Ed25519Signature2020({ signer: signer.key.signer() });
  return issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: staticDocumentLoader(),
    now: new Date("2020-01-01T00:00:00Z"),
  });
}

export function ob3Credential(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:2f1f5f35-bb2b-4cbb-9e2c-bd3d1ef0f7a1",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: "Sash Test University" },
    validFrom: "2020-01-01T00:00:00Z",
    name: "Teamwork",
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityType: "emailAddress",
          hashed: true,
          salt: "pepper",
          identityHash:
            "sha256$" +
            createHash("sha256")
              .update(LEARNER_EMAIL + "pepper")
              .digest("hex"),
        },
      ],
      achievement: {
        id: "https://example.edu/achievements/teamwork",
        type: ["Achievement"],
        name: "Teamwork",
        description: "Works well with others.",
        criteria: { narrative: "Nominated by peers." },
      },
    },
    ...extra,
  };
}

// ---- Fetchers ------------------------------------------------------------------

/** A Fetcher over fixed documents (the issuer's websites in a test); unknown URLs answer 404. */
export function mapFetcher(docs: Record<string, unknown>): Fetcher & { calls: string[] } {
  const calls: string[] = [];
  const f = (async (url: string): Promise<FetchedDocument> => {
    calls.push(url);
    const doc = docs[url];
    if (doc === undefined) return { url, status: 404, contentType: "application/json", text: "{}" };
    return {
      url,
      status: 200,
      contentType: "application/json",
      text: typeof doc === "string" ? doc : JSON.stringify(doc),
    };
  }) as Fetcher & { calls: string[] };
  f.calls = calls;
  return f;
}

export interface Route {
  status?: number;
  body: unknown;
}

/** A local HTTP server on 127.0.0.1 whose routes can change between tests. */
export async function startServer(): Promise<{
  origin: string;
  host: string;
  routes: Map<string, Route>;
  close: () => Promise<void>;
}> {
  const routes = new Map<string, Route>();
  const server = http.createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end("{}");
      return;
    }
    const body = typeof route.body === "string" ? route.body : JSON.stringify(route.body);
    res.writeHead(route.status ?? 200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    routes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- Known-issuer registries (issue #20) ---------------------------------------

/**
 * An in-memory known-issuer registry in the DCC format listing `entries` (issuer id → name):
 * what a test passes as `registries` when its signer must be a registered (not key-only) issuer.
 */
export function registryListing(
  entries: Record<string, string>,
  name = "Sash Test Registry",
): Promise<IssuerRegistries> {
  const registry = Object.fromEntries(Object.entries(entries).map(([id, n]) => [id, { name: n }]));
  return IssuerRegistries.fromDocuments([
    { name, url: "https://registry.test/registry.json", document: { meta: {}, registry }, source: "file" },
  ]);
}
