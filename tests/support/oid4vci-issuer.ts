// A minimal OpenID4VCI credential issuer written from the specification (OID4VCI 1.0, and the
// draft-13 shapes), for tests: a real HTTP server on 127.0.0.1 with real keys. It is its own
// authorization server (pre-authorized code with an optional tx_code; authorization code with
// PKCE S256, auto-approved), serves a nonce endpoint (1.0) or c_nonce in the token response
// (draft 13), checks the proof JWT (typ, EdDSA signature by the did:key in kid, aud, nonce, iat)
// and issues to that DID an OB 3.0 credential with an eddsa-rdfc-2022 proof (ldp_vc) or a
// VC-JWT (jwt_vc_json), signed by the test registry's issuer (tests/support/trust.ts).
import http from "node:http";
import { createHash, createPrivateKey, randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { SignJWT } from "jose";
import { TEST_ISSUER_SEED, testIssuer } from "./trust";
import { ob3Credential, signEddsaRdfc2022 } from "./verify";

export interface IssuerOptions {
  /** Draft 13: no nonce endpoint, c_nonce in the token response, singular `proof`, `credential` in the answer. */
  draft13?: boolean;
  /** The transaction code the learner must enter (pre-authorized flow). */
  txCode?: string;
  format?: "ldp_vc" | "jwt_vc_json";
  /** Answer every credential request with invalid_nonce (the wallet's proof never matches). */
  rejectEveryNonce?: boolean;
  /** Answer the first credential request with invalid_nonce and a fresh c_nonce (the retry should pass). */
  rejectFirstNonce?: boolean;
  /** The credential's display name in the metadata. */
  name?: string;
}

export interface TestIssuer {
  origin: string;
  hostPort: string;
  /** Every request the issuer received ("METHOD /path"). */
  requests: string[];
  /** The DIDs it issued credentials to. */
  issuedTo: string[];
  /** A fresh pre-authorized offer (by value). */
  preAuthorizedOffer(): Record<string, unknown>;
  /** A fresh authorization-code offer (by value). */
  authorizationCodeOffer(): Record<string, unknown>;
  /** An https-style link whose credential_offer_uri the issuer serves. */
  offerUri(offer: Record<string, unknown>): string;
  close(): Promise<void>;
}

const CONFIG_LDP = "OpenBadgeCredential_ldp";
const CONFIG_JWT = "OpenBadgeCredential_jwt";

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
  });
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

async function verifyProof(
  jwt: string,
  audience: string,
  nonce: string | null,
): Promise<{ did: string } | { error: string }> {
  const [h, p, s] = jwt.split(".");
  if (!h || !p || !s) return { error: "invalid_proof" };
  const header = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
  if (header.typ !== "openid4vci-proof+jwt" || header.alg !== "EdDSA" || typeof header.kid !== "string") {
    return { error: "invalid_proof" };
  }
  const [did, fragment] = header.kid.split("#");
  if (!did?.startsWith("did:key:z") || fragment !== did.slice("did:key:".length)) return { error: "invalid_proof" };
  const key = await Ed25519Multikey.from({
    type: "Multikey",
    id: header.kid,
    controller: did,
    publicKeyMultibase: fragment,
  });
  const ok = await key.verifier().verify({
    data: new TextEncoder().encode(`${h}.${p}`),
    signature: new Uint8Array(Buffer.from(s, "base64url")),
  });
  if (!ok) return { error: "invalid_proof" };
  if (payload.aud !== audience || typeof payload.iat !== "number") return { error: "invalid_proof" };
  if (nonce && payload.nonce !== nonce) return { error: "invalid_nonce" };
  return { did };
}

async function issueLdp(did: string, name: string): Promise<Record<string, unknown>> {
  const signer = await testIssuer();
  const base = ob3Credential(signer.did, { id: `urn:uuid:${randomUUID()}`, name });
  const subject = { ...(base.credentialSubject as Record<string, unknown>) };
  delete subject.identifier;
  const achievement = { ...(subject.achievement as Record<string, unknown>), name };
  return signEddsaRdfc2022({ ...base, credentialSubject: { id: did, ...subject, achievement } }, signer);
}

async function issueJwt(did: string, name: string): Promise<string> {
  const signer = await testIssuer();
  const base = ob3Credential(signer.did, { id: `urn:uuid:${randomUUID()}`, name });
  const subject = { ...(base.credentialSubject as Record<string, unknown>) };
  delete subject.identifier;
  const vc = {
    ...base,
    credentialSubject: { id: did, ...subject, achievement: { ...(subject.achievement as object), name } },
  };
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(TEST_ISSUER_SEED)]),
    format: "der",
    type: "pkcs8",
  });
  return new SignJWT({ vc, ...vc })
    .setProtectedHeader({ alg: "EdDSA", kid: signer.methodId, typ: "JWT" })
    .setIssuer(signer.did)
    .setSubject(did)
    .setJti(String(base.id))
    .setNotBefore(Math.floor(Date.parse(String(base.validFrom)) / 1000))
    .sign(privateKey);
}

export async function startTestIssuer(options: IssuerOptions = {}): Promise<TestIssuer> {
  const format = options.format ?? "ldp_vc";
  const configId = format === "ldp_vc" ? CONFIG_LDP : CONFIG_JWT;
  const name = options.name ?? "Teamwork";
  const requests: string[] = [];
  const issuedTo: string[] = [];
  const preCodes = new Map<string, { txCode: string | null }>();
  const authCodes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Map<string, { nonce: string | null }>();
  const offers = new Map<string, Record<string, unknown>>();
  let nonce: string | null = null;
  let rejectedOnce = false;
  let origin = "";

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      requests.push(`${req.method} ${url.pathname}`);
      const body = req.method === "POST" ? await readBody(req) : "";
      if (url.pathname === "/.well-known/openid-credential-issuer") {
        return json(res, 200, {
          credential_issuer: origin,
          credential_endpoint: `${origin}/credential`,
          ...(options.draft13 ? {} : { nonce_endpoint: `${origin}/nonce` }),
          display: [{ name: "Sash Test University", locale: "en-US" }],
          credential_configurations_supported: {
            [configId]: {
              format,
              scope: "OpenBadgeCredential",
              credential_definition: { type: ["VerifiableCredential", "OpenBadgeCredential"] },
              proof_types_supported: { jwt: { proof_signing_alg_values_supported: ["EdDSA", "ES256"] } },
              display: [{ name: `${name} badge`, locale: "en-US" }],
            },
            mdl: { format: "mso_mdoc", doctype: "org.iso.18013.5.1.mDL" },
          },
        });
      }
      if (url.pathname === "/.well-known/oauth-authorization-server") {
        return json(res, 200, {
          issuer: origin,
          token_endpoint: `${origin}/token`,
          authorization_endpoint: `${origin}/authorize`,
          code_challenge_methods_supported: ["S256"],
          "pre-authorized_grant_anonymous_access_supported": true,
        });
      }
      if (url.pathname.startsWith("/offers/")) {
        const offer = offers.get(url.pathname.slice("/offers/".length));
        return offer ? json(res, 200, offer) : json(res, 404, { error: "not_found" });
      }
      if (url.pathname === "/authorize") {
        // Auto-approves (no browser in tests): PKCE S256 only.
        const redirectUri = url.searchParams.get("redirect_uri") ?? "";
        const challenge = url.searchParams.get("code_challenge");
        if (url.searchParams.get("code_challenge_method") !== "S256" || !challenge || !redirectUri) {
          return json(res, 400, { error: "invalid_request" });
        }
        const code = randomBytes(16).toString("base64url");
        authCodes.set(code, { challenge, redirectUri });
        const back = new URL(redirectUri);
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === "/token" && req.method === "POST") {
        const form = new URLSearchParams(body);
        const grant = form.get("grant_type");
        if (grant === "urn:ietf:params:oauth:grant-type:pre-authorized_code") {
          const code = form.get("pre-authorized_code") ?? "";
          const entry = preCodes.get(code);
          if (!entry) return json(res, 400, { error: "invalid_grant" });
          if (entry.txCode !== null && form.get("tx_code") !== entry.txCode)
            return json(res, 400, { error: "invalid_grant" });
          preCodes.delete(code);
        } else if (grant === "authorization_code") {
          const entry = authCodes.get(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          const challenge = createHash("sha256").update(verifier).digest("base64url");
          if (!entry || entry.challenge !== challenge || entry.redirectUri !== form.get("redirect_uri")) {
            return json(res, 400, { error: "invalid_grant" });
          }
          authCodes.delete(form.get("code") ?? "");
        } else return json(res, 400, { error: "unsupported_grant_type" });
        const token = randomBytes(24).toString("base64url");
        const cNonce = options.draft13 ? randomBytes(12).toString("base64url") : null;
        tokens.set(token, { nonce: cNonce });
        return json(res, 200, {
          access_token: token,
          token_type: "Bearer",
          expires_in: 300,
          ...(cNonce ? { c_nonce: cNonce, c_nonce_expires_in: 300 } : {}),
        });
      }
      if (url.pathname === "/nonce" && req.method === "POST" && !options.draft13) {
        nonce = randomBytes(12).toString("base64url");
        return json(res, 200, { c_nonce: nonce });
      }
      if (url.pathname === "/credential" && req.method === "POST") {
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        const session = auth ? tokens.get(auth) : undefined;
        if (!session) return json(res, 401, { error: "invalid_token" }, { "www-authenticate": "Bearer" });
        const request = JSON.parse(body) as Record<string, unknown>;
        const jwt = options.draft13
          ? (request.proof as { jwt?: string } | undefined)?.jwt
          : (request.proofs as { jwt?: string[] } | undefined)?.jwt?.[0];
        if (!jwt || (options.draft13 ? "proofs" in request : "proof" in request)) {
          return json(res, 400, { error: "invalid_credential_request" });
        }
        if (!options.draft13 && request.credential_configuration_id !== configId) {
          return json(res, 400, { error: "unknown_credential_configuration" });
        }
        const expected = options.draft13 ? session.nonce : nonce;
        const fresh = () => {
          const n = randomBytes(12).toString("base64url");
          if (options.draft13) session.nonce = n;
          else nonce = n;
          return n;
        };
        if (options.rejectEveryNonce || (options.rejectFirstNonce && !rejectedOnce)) {
          rejectedOnce = true;
          return json(res, 400, { error: "invalid_nonce", c_nonce: fresh() });
        }
        const checked = await verifyProof(jwt, origin, expected);
        if ("error" in checked) return json(res, 400, { error: checked.error, c_nonce: fresh() });
        issuedTo.push(checked.did);
        const credential = format === "ldp_vc" ? await issueLdp(checked.did, name) : await issueJwt(checked.did, name);
        return json(res, 200, options.draft13 ? { credential, c_nonce: fresh() } : { credentials: [{ credential }] });
      }
      json(res, 404, { error: "not_found" });
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  function preAuthorizedOffer(): Record<string, unknown> {
    const code = randomBytes(16).toString("base64url");
    preCodes.set(code, { txCode: options.txCode ?? null });
    const grant = {
      "pre-authorized_code": code,
      ...(options.txCode
        ? { tx_code: { input_mode: "numeric", length: options.txCode.length, description: "Sent to your email" } }
        : {}),
    };
    return {
      credential_issuer: origin,
      ...(options.draft13 ? { credentials: [configId] } : { credential_configuration_ids: [configId] }),
      grants: { "urn:ietf:params:oauth:grant-type:pre-authorized_code": grant },
    };
  }

  return {
    origin,
    hostPort: `127.0.0.1:${port}`,
    requests,
    issuedTo,
    preAuthorizedOffer,
    authorizationCodeOffer: () => ({
      credential_issuer: origin,
      credential_configuration_ids: [configId],
      grants: { authorization_code: { issuer_state: randomBytes(8).toString("hex") } },
    }),
    offerUri(offer) {
      const id = randomUUID();
      offers.set(id, offer);
      return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${origin}/offers/${id}`)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
