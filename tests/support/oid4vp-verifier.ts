// A minimal OpenID4VP 1.0 verifier written from the specification (issue #22 §3), for tests: a real
// HTTP server on 127.0.0.1 that serves signed Request Objects (x509_san_dns with a chain made here with
// openssl: a CA and a leaf whose SAN DNS name is 127.0.0.1; or decentralized_identifier with a did:key),
// receives direct_post answers, and checks the presentations with real keys: the VP signature, nonce,
// audience (client_id) and the credential inside.
import { createServer, type Server } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { importJWK, importPKCS8, jwtVerify, SignJWT, type CryptoKey } from "jose";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { verify as vcVerify } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import jsigs from "jsonld-signatures";
import { presentationDocumentLoader } from "@/lib/presentation/presentation";
import { multikeyToJwk } from "@/lib/badges/verify/keys";

export interface Received {
  form: Record<string, string>;
}

export interface TestVerifier {
  origin: string;
  hostPort: string;
  nonce: string;
  received: Received[];
  /** Serve `claims` as a Request Object at /request/<name>; returns the request_uri. */
  serveX509(name: string, claims: Record<string, unknown>, opts?: { tamper?: boolean; san?: string }): Promise<string>;
  serveDid(name: string, claims: Record<string, unknown>): Promise<{ uri: string; did: string }>;
  requests: number;
  close(): Promise<void>;
}

let chainCache: { x5c: string[]; keyPem: string; dir: string } | null = null;

/** A CA and a leaf (P-256) made with openssl; the leaf's SAN DNS name is `san`. */
export function makeChain(san: string): { x5c: string[]; keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), "oid4vp-ca-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
  run("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=Test Verifier CA", "-days", "2", "-out", "ca.pem");
  run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
  run("req", "-new", "-key", "leaf.key", "-subj", `/CN=${san}`, "-out", "leaf.csr");
  execFileSync("sh", ["-c", `printf 'subjectAltName=DNS:${san}\\n' > ext.cnf`], { cwd: dir });
  run(
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
    "-out",
    "leaf.pem",
  );
  const der = (f: string) =>
    readFileSync(join(dir, f), "utf8")
      .replace(/-----[^-]+-----/g, "")
      .replace(/\s+/g, "");
  const out = { x5c: [der("leaf.pem"), der("ca.pem")], keyPem: readFileSync(join(dir, "leaf.key"), "utf8") };
  rmSync(dir, { recursive: true, force: true });
  return out;
}

export async function startTestVerifier(): Promise<TestVerifier> {
  const objects = new Map<string, string>();
  const received: Received[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname.startsWith("/request/")) {
      const jwt = objects.get(url.pathname.slice("/request/".length));
      req.resume();
      if (!jwt) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/oauth-authz-req+jwt" }).end(jwt);
      return;
    }
    if (url.pathname === "/response" && req.method === "POST") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) });
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ redirect_uri: `${origin}/done?session=${received.length}` }));
      });
      return;
    }
    req.resume();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const chain = (chainCache ??= { ...makeChain("127.0.0.1"), dir: "" });
  const leafKey = await importPKCS8(chain.keyPem, "ES256");
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown>, key: CryptoKey) =>
    new SignJWT(claims)
      .setProtectedHeader({ typ: "oauth-authz-req+jwt", ...header } as unknown as { alg: string })
      .setIssuedAt()
      .sign(key);
  return {
    origin,
    hostPort: `127.0.0.1:${port}`,
    nonce: randomUUID(),
    received,
    get requests() {
      return requests;
    },
    async serveX509(name, claims, opts = {}) {
      const key = opts.san ? null : leafKey;
      {
        let jwt: string;
        if (key) jwt = await sign(claims, { alg: "ES256", x5c: chain.x5c }, key);
        else {
          const other = makeChain(opts.san!);
          jwt = await sign(claims, { alg: "ES256", x5c: other.x5c }, await importPKCS8(other.keyPem, "ES256"));
        }
        if (opts.tamper) {
          const [h, p, s] = jwt.split(".");
          const body = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
          body.response_uri = "http://127.0.0.1:1/elsewhere";
          jwt = `${h}.${Buffer.from(JSON.stringify(body)).toString("base64url")}.${s}`;
        }
        objects.set(name, jwt);
      }
      return `${origin}/request/${name}`;
    },
    async serveDid(name, claims) {
      const key = await Ed25519Multikey.generate();
      const did = `did:key:${key.publicKeyMultibase}`;
      const full = { ...claims, client_id: `decentralized_identifier:${did}` };
      const header = { alg: "EdDSA", typ: "oauth-authz-req+jwt", kid: `${did}#${key.publicKeyMultibase}` };
      const b64 = (x: string | Uint8Array) => Buffer.from(x).toString("base64url");
      const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(full))}`;
      const sig = await key.signer().sign({ data: new TextEncoder().encode(input) });
      objects.set(name, `${input}.${b64(sig)}`);
      return { uri: `${origin}/request/${name}`, did };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Checks an ldp_vp the way a verifier does: signature, challenge = nonce, domain = client_id. */
export async function verifyLdpVp(vp: Record<string, unknown>, nonce: string, clientId: string): Promise<boolean> {
  const result = await vcVerify({
    presentation: vp,
    suite: [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })],
    documentLoader: presentationDocumentLoader(),
    presentationPurpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: nonce, domain: clientId }),
    challenge: nonce,
    domain: clientId,
  });
  return result.presentationResult?.verified === true && result.verified === true;
}

/** Checks a VP-JWT: EdDSA by the did:key in kid (= iss), aud = client_id, nonce. Returns its payload. */
export async function verifyJwtVp(jwt: string, nonce: string, clientId: string) {
  const header = JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()) as { kid: string };
  const did = header.kid.split("#")[0]!;
  const key = await importJWK(multikeyToJwk(did.slice(8))! as Parameters<typeof importJWK>[0], "EdDSA");
  const { payload } = await jwtVerify(jwt, key, { audience: clientId, issuer: did });
  if (payload.nonce !== nonce) throw new Error("wrong nonce");
  return payload as { vp: { verifiableCredential: unknown[] } };
}
