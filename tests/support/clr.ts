// Builders for generated CLR 2.0 credentials (1EdTech CLR 2.0 §4 ClrCredential / ClrSubject), shared by
// tests and benches: nested AchievementCredentials signed by one did:key, the ClrCredential signed by
// another (eddsa-rdfc-2022 or Ed25519Signature2020), or the same as VC-JWTs signed by did:jwk issuers.
// Everything is signed for real with fresh keys; nothing here touches the code under test.
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { didKeySigner, ob3Credential, signEd25519Signature2020, signEddsaRdfc2022, type DidKeySigner } from "./verify";

type Json = Record<string, unknown>;

export const CLR_CONTEXT_V2 = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/** The learner every generated CLR is about (ClrSubject id). */
export const CLR_LEARNER_DID = "did:example:learner-ada";

/** The achievement id of nested credential `i` (so associations and achievement lists can point at it). */
export function nestedAchievementId(i: number): string {
  return `https://example.edu/achievements/course-${i + 1}`;
}

/** An unsigned OB 3.0 AchievementCredential, number `i` of a transcript: "Course 1", "Course 2", … */
export function nestedCredential(issuerId: string, i: number, extra: Json = {}): Json {
  const base = ob3Credential(issuerId);
  const subject = base.credentialSubject as Json;
  return {
    ...base,
    id: `urn:uuid:6a0d3c1e-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    type: ["VerifiableCredential", "AchievementCredential"],
    name: `Course ${i + 1}`,
    credentialSubject: {
      ...subject,
      id: CLR_LEARNER_DID,
      achievement: {
        id: nestedAchievementId(i),
        type: ["Achievement"],
        achievementType: "Course",
        name: `Course ${i + 1}`,
        description: `Completed course ${i + 1}.`,
        criteria: { narrative: "Passed the final assessment." },
        tag: [`Skill ${i + 1}`, "Teamwork"],
      },
    },
    ...extra,
  };
}

export interface ClrOptions {
  name?: string;
  /** Nested credentials: objects (signed or not) or compact JWT strings, in document order. */
  nested: Array<Json | string>;
  /** ClrSubject.achievement entries (achievements with or without a credential). */
  achievements?: Json[];
  associations?: Array<{ associationType: string; sourceId: string; targetId: string }>;
  extra?: Json;
}

/** An unsigned ClrCredential by `issuerId` holding `nested`. */
export function clrCredential(issuerId: string, opts: ClrOptions): Json {
  const subject: Json = {
    id: CLR_LEARNER_DID,
    type: ["ClrSubject"],
    verifiableCredential: opts.nested,
  };
  if (opts.achievements) subject.achievement = opts.achievements;
  if (opts.associations) subject.association = opts.associations.map((a) => ({ type: ["Association"], ...a }));
  return {
    "@context": CLR_CONTEXT_V2,
    id: "urn:uuid:0c1a5d7e-3f5b-4c55-9d1e-7a0a2b3c4d5e",
    type: ["VerifiableCredential", "ClrCredential"],
    issuer: { id: issuerId, type: ["Profile"], name: "Sash Test College" },
    validFrom: "2020-01-01T00:00:00Z",
    name: "Sash Test College Transcript",
    description: "Courses completed at Sash Test College.",
    credentialSubject: subject,
    ...opts.extra,
  };
}

/** A standalone Achievement for ClrSubject.achievement (one without a credential, unless its id matches one). */
export function clrAchievement(id: string, name: string, achievementType = "Competency"): Json {
  return { id, type: ["Achievement"], achievementType, name, description: `${name}.`, criteria: { narrative: name } };
}

export type DiSuite = "eddsa-rdfc-2022" | "Ed25519Signature2020";

function sign(credential: Json, signer: DidKeySigner, suite: DiSuite): Promise<Json> {
  return suite === "eddsa-rdfc-2022"
    ? signEddsaRdfc2022(credential, signer)
    : signEd25519Signature2020(credential, signer);
}

export interface SignedClr {
  clr: Json;
  /** The signed nested credentials, in the order they sit in the CLR. */
  nested: Json[];
  clrSigner: DidKeySigner;
  nestedSigner: DidKeySigner;
}

/**
 * A ClrCredential with `count` nested AchievementCredentials: the nested ones signed by one did:key
 * issuer, the CLR by another (or left unsigned with `signClr: false`). Two keys, generated here.
 */
export async function signedClr(
  opts: {
    count?: number;
    suite?: DiSuite;
    signClr?: boolean;
    clrSigner?: DidKeySigner;
    nestedSigner?: DidKeySigner;
    /** Changes each unsigned nested credential before it is signed. */
    nestedExtra?: (i: number) => Json;
  } & Omit<ClrOptions, "nested"> = {},
): Promise<SignedClr> {
  const count = opts.count ?? 3;
  const suite = opts.suite ?? "eddsa-rdfc-2022";
  const clrSigner = opts.clrSigner ?? (await didKeySigner());
  const nestedSigner = opts.nestedSigner ?? (await didKeySigner());
  const nested: Json[] = [];
  for (let i = 0; i < count; i++)
    nested.push(await sign(nestedCredential(nestedSigner.did, i, opts.nestedExtra?.(i)), nestedSigner, suite));
  const unsigned = clrCredential(clrSigner.did, { ...opts, nested });
  const clr = opts.signClr === false ? unsigned : await sign(unsigned, clrSigner, suite);
  return { clr, nested, clrSigner, nestedSigner };
}

// ---- VC-JWT (CLR 2.0 §8.2 / VC-JWT 1.1: the credential in the `vc` claim) -----------------

export interface JwtIssuer {
  /** did:jwk of the Ed25519 public key. */
  did: string;
  privateKey: CryptoKey;
}

export async function jwtIssuer(): Promise<JwtIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(publicKey);
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`;
  return { did, privateKey };
}

/** Signs `credential` as a VC-JWT 1.1 (`vc` claim, `iss`, `jti`, `nbf`, `sub`) with kid `<did>#0`. */
export async function signVcJwt(credential: Json, issuer: JwtIssuer): Promise<string> {
  const subject = credential.credentialSubject as Json | undefined;
  const jwt = new SignJWT({ vc: credential })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: `${issuer.did}#0` })
    .setIssuer(issuer.did)
    .setNotBefore(Math.floor(Date.parse(String(credential.validFrom ?? "2020-01-01T00:00:00Z")) / 1000));
  if (typeof credential.id === "string") jwt.setJti(credential.id);
  if (typeof subject?.id === "string") jwt.setSubject(subject.id);
  return jwt.sign(issuer.privateKey);
}

/** A CLR as a VC-JWT whose nested credentials are compact VC-JWTs of another issuer. */
export async function jwtClr(
  count = 2,
): Promise<{ jwt: string; nested: string[]; clrIssuer: JwtIssuer; nestedIssuer: JwtIssuer }> {
  const clrIssuer = await jwtIssuer();
  const nestedIssuer = await jwtIssuer();
  const nested: string[] = [];
  for (let i = 0; i < count; i++) nested.push(await signVcJwt(nestedCredential(nestedIssuer.did, i), nestedIssuer));
  const jwt = await signVcJwt(clrCredential(clrIssuer.did, { nested }), clrIssuer);
  return { jwt, nested, clrIssuer, nestedIssuer };
}
