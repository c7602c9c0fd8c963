// `npx tsx scripts/make-samples.ts` (issue #24): the demo issuers' files, signed
// with the DEMO-ONLY keys in data/demo/issuers.keys.json (made on the first run,
// kept after; `--new-keys` makes new ones, which changes every file below).
//
// Writes
//   samples/*            small baked badge files anyone can upload (samples/README.md says what each shows)
//   data/demo/wallet.json  the demo learner's files (other credentials than the samples, so uploading a
//                          sample as the demo learner adds it rather than reading "already in your wallet")
//   data/demo/hosted.json  the demo issuers' hosted OB 2.0 documents (issuer profile, key, badge classes)
//   server/seed/registries/sash-demo-issuers.json  the "Sash demo issuers" registry (DCC format), which
//                          server/trust/registries.ts loads only where demo data is on
//
// Deterministic for given keys: Ed25519 and RSASSA-PKCS1-v1_5 signatures are, the
// proofs carry fixed `created` dates, and the pictures are drawn from fixed colours.
// Everything is addressed to the demo learner (demo@sash.local) except the one
// demo credential meant to read "Not verified" (an address the learner hasn't confirmed).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { PNG } from "pngjs";
import { format, resolveConfig } from "prettier";
import { CompactSign, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8 } from "jose";
import { issue } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import {
  DEMO_ORIGIN,
  DEMO_REGISTRY_NAME,
  DEMO_LEARNER_EMAIL,
  DEMO_UNCONFIRMED_EMAIL,
  type DemoWalletFile,
} from "@/data/demo/demo";

type Json = Record<string, unknown>;

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const DEMO_DIR = path.join(ROOT, "data/demo");
const SAMPLES_DIR = path.join(ROOT, "samples");
const KEYS_FILE = path.join(DEMO_DIR, "issuers.keys.json");
const REGISTRY_FILE = path.join(ROOT, "server/seed/registries/sash-demo-issuers.json");

const OB3_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const CLR_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const SALT = "sash-demo";

/** JSON as the repository's prettier writes it, so a regenerated file passes the format check unchanged. */
async function jsonText(value: unknown, file: string): Promise<string> {
  return format(JSON.stringify(value, null, 2), { ...(await resolveConfig(file)), parser: "json", filepath: file });
}

// ---- Keys ------------------------------------------------------------------------

interface Ed25519Key {
  did: string;
  publicKeyMultibase: string;
  /** DEMO ONLY. */
  secretKeyMultibase: string;
}
interface DemoKeys {
  warning: string;
  academy: Ed25519Key;
  college: Ed25519Key;
  makerspace: { publicKeyPem: string; privateKeyPem: string };
}

async function newEd25519(): Promise<Ed25519Key> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return {
    did: `did:key:${pair.publicKeyMultibase}`,
    publicKeyMultibase: String(exported.publicKeyMultibase),
    secretKeyMultibase: String(exported.secretKeyMultibase),
  };
}

async function loadKeys(fresh: boolean): Promise<DemoKeys> {
  if (!fresh) {
    try {
      return JSON.parse(await readFile(KEYS_FILE, "utf8")) as DemoKeys;
    } catch {
      // first run: make them
    }
  }
  const rsa = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const keys: DemoKeys = {
    warning:
      "DEMO-ONLY KEYS, published on purpose. They sign only Sash's demo data and samples; never trust anything else signed with them.",
    academy: await newEd25519(),
    college: await newEd25519(),
    makerspace: { publicKeyPem: await exportSPKI(rsa.publicKey), privateKeyPem: await exportPKCS8(rsa.privateKey) },
  };
  await writeFile(KEYS_FILE, await jsonText(keys, KEYS_FILE));
  return keys;
}

interface Signer {
  did: string;
  methodId: string;
  key: Ed25519Multikey.Ed25519MultikeyPair;
}

async function signerOf(k: Ed25519Key): Promise<Signer> {
  const methodId = `${k.did}#${k.publicKeyMultibase}`;
  const key = await Ed25519Multikey.from({
    type: "Multikey",
    id: methodId,
    controller: k.did,
    publicKeyMultibase: k.publicKeyMultibase,
    secretKeyMultibase: k.secretKeyMultibase,
  });
  return { did: k.did, methodId, key };
}

// ---- Signing -----------------------------------------------------------------------

async function signDi(credential: Json, signer: Signer, created: string): Promise<Json> {
  const suite = new DataIntegrityProof({ signer: signer.key.signer(), cryptosuite: eddsaRdfc2022, date: created });
  return issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: staticDocumentLoader(),
    now: new Date(created),
  }) as Promise<Json>;
}

/** A VC-JWT 1.1 (`vc` claim, `iss`, `jti`, `nbf`), EdDSA with the issuer's did:key. */
async function signVcJwt(credential: Json, signer: Signer): Promise<string> {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o), "utf8").toString("base64url");
  const input = `${b64({ alg: "EdDSA", typ: "JWT", kid: signer.methodId })}.${b64({
    vc: credential,
    iss: signer.did,
    jti: credential.id,
    nbf: Math.floor(Date.parse(String(credential.validFrom)) / 1000),
  })}`;
  const signature = await signer.key.signer().sign({ data: new TextEncoder().encode(input) });
  return `${input}.${Buffer.from(signature).toString("base64url")}`;
}

async function signOb2(assertion: Json, privateKeyPem: string): Promise<string> {
  const key = await importPKCS8(privateKeyPem, "RS256");
  return new CompactSign(new TextEncoder().encode(JSON.stringify(assertion)))
    .setProtectedHeader({ alg: "RS256" })
    .sign(key);
}

// ---- Pictures and baking -----------------------------------------------------------

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A 96×96 badge: a disc in `colour` with a white ring, on transparency. */
function badgePicture(colour: [number, number, number]): Buffer {
  const size = 96;
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const r = Math.hypot(x - c, y - c);
      const inside = r <= 46;
      const ring = r > 36 && r <= 40;
      png.data[i] = ring ? 255 : colour[0];
      png.data[i + 1] = ring ? 255 : colour[1];
      png.data[i + 2] = ring ? 255 : colour[2];
      png.data[i + 3] = inside ? 255 : 0;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 9 });
}

/** OB 2.0 / 3.0 Baking §PNG: one iTXt chunk (uncompressed) right after IHDR. */
function bakePng(png: Buffer, keyword: "openbadges" | "openbadgecredential", text: string): Buffer {
  const itxt = chunk(
    "iTXt",
    Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]),
  );
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), itxt, png.subarray(ihdrEnd)]);
}

/** OB 2.0 Baking §SVG: a signed badge's JWS in the `verify` attribute of openbadges:assertion. */
function bakedSvg(jws: string, colour: string, label: string): Buffer {
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" width="96" height="96" viewBox="0 0 96 96">',
      `  <openbadges:assertion verify="${jws}"></openbadges:assertion>`,
      `  <title>${label}</title>`,
      `  <circle cx="48" cy="48" r="46" fill="${colour}"/>`,
      '  <circle cx="48" cy="48" r="38" fill="none" stroke="#fff" stroke-width="4"/>',
      "</svg>",
      "",
    ].join("\n"),
    "utf8",
  );
}

// ---- Credentials -------------------------------------------------------------------

const hashed = (email: string) => ({
  type: "IdentityObject",
  identityType: "emailAddress",
  hashed: true,
  salt: SALT,
  identityHash:
    "sha256$" +
    createHash("sha256")
      .update(email + SALT)
      .digest("hex"),
});
const plain = (email: string) => ({
  type: "IdentityObject",
  identityType: "emailAddress",
  hashed: false,
  identityHash: email,
});

interface Achievement {
  slug: string;
  name: string;
  description: string;
  criteria: string;
  skills: string[];
  achievementType?: string;
}

function ob3(
  issuer: { id: string; name: string },
  a: Achievement,
  opts: { id: string; validFrom: string; identifier: Json; type?: string },
): Json {
  return {
    "@context": OB3_CONTEXT,
    id: opts.id,
    type: ["VerifiableCredential", opts.type ?? "OpenBadgeCredential"],
    issuer: { id: issuer.id, type: ["Profile"], name: issuer.name, url: `${DEMO_ORIGIN}/` },
    validFrom: opts.validFrom,
    name: a.name,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [opts.identifier],
      achievement: {
        id: `${DEMO_ORIGIN}/achievements/${a.slug}`,
        type: ["Achievement"],
        achievementType: a.achievementType ?? "Badge",
        name: a.name,
        description: a.description,
        criteria: { narrative: a.criteria },
        tag: a.skills,
      },
    },
  };
}

const MAKERSPACE = {
  id: `${DEMO_ORIGIN}/makerspace/issuer.json`,
  key: `${DEMO_ORIGIN}/makerspace/key.json`,
  name: "Sash Demo Makerspace",
};

function ob2BadgeClass(a: Achievement, image: string): Json {
  return {
    "@context": "https://w3id.org/openbadges/v2",
    type: "BadgeClass",
    id: `${DEMO_ORIGIN}/makerspace/badges/${a.slug}.json`,
    name: a.name,
    description: a.description,
    image,
    criteria: { narrative: a.criteria },
    tags: a.skills,
    issuer: MAKERSPACE.id,
  };
}

function ob2Assertion(a: Achievement, id: string, issuedOn: string, email: string): Json {
  return {
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id,
    recipient: {
      type: "email",
      hashed: true,
      salt: SALT,
      identity:
        "sha256$" +
        createHash("sha256")
          .update(email + SALT)
          .digest("hex"),
    },
    badge: `${DEMO_ORIGIN}/makerspace/badges/${a.slug}.json`,
    issuedOn,
    verification: { type: "SignedBadge", creator: MAKERSPACE.key },
  };
}

// ---- What is made ------------------------------------------------------------------

const SQL: Achievement = {
  slug: "data-analysis-sql",
  name: "Data Analysis with SQL",
  description: "Queries, cleans and charts data from a relational database.",
  criteria: "Completed six graded SQL projects and a final data-cleaning and visualisation assessment.",
  skills: ["SQL", "Data cleaning", "Data visualization"],
};
const PYTHON: Achievement = {
  slug: "python-for-data",
  name: "Python for Data Analysis",
  description: "Uses Python to analyse data sets and train simple machine-learning models.",
  criteria: "Passed the Python for Data Analysis course with a capstone notebook.",
  skills: ["Python", "Statistics", "Machine learning"],
};
const GIT: Achievement = {
  slug: "version-control-git",
  name: "Version Control with Git",
  description: "Keeps work in Git: commits, branches, merges and pull requests.",
  criteria: "Ran a small team project in Git at the makerspace's evening workshop.",
  skills: ["Git", "Teamwork"],
};
const SPREADSHEETS: Achievement = {
  slug: "spreadsheet-basics",
  name: "Spreadsheet Basics",
  description: "Builds tidy spreadsheets with formulas, filters and simple charts.",
  criteria: "Completed the makerspace's spreadsheet workshop and its practical task.",
  skills: ["Microsoft Excel", "Data entry"],
};
const SERVICE: Achievement = {
  slug: "customer-service",
  name: "Customer Service Volunteer",
  description: "Welcomed visitors and answered questions at the makerspace front desk for a season.",
  criteria: "Twenty front-desk shifts with a mentor's sign-off.",
  skills: ["Customer service", "Communication"],
};
const ACCESSIBILITY: Achievement = {
  slug: "web-accessibility",
  name: "Web Accessibility Fundamentals",
  description: "Builds web pages everyone can use: semantic HTML, contrast, keyboard and screen readers.",
  criteria: "Audited and fixed three pages against WCAG 2.2 AA.",
  skills: ["Web accessibility", "HTML", "CSS"],
};
const JAVASCRIPT: Achievement = {
  slug: "javascript-foundations",
  name: "JavaScript Foundations",
  description: "Writes and tests small JavaScript programs for the browser.",
  criteria: "Passed the JavaScript Foundations course project.",
  skills: ["JavaScript", "Automated testing"],
};

async function main(): Promise<void> {
  const fresh = process.argv.includes("--new-keys");
  await mkdir(DEMO_DIR, { recursive: true });
  await mkdir(SAMPLES_DIR, { recursive: true });
  const keys = await loadKeys(fresh);
  const academy = await signerOf(keys.academy);
  const college = await signerOf(keys.college);
  const ACADEMY = { id: keys.academy.did, name: "Sash Demo Academy" };
  const COLLEGE = { id: keys.college.did, name: "Sash Demo College" };
  const me = hashed(DEMO_LEARNER_EMAIL);
  /** An academy OB 3.0 credential to the demo learner, signed with Data Integrity as of its validFrom. */
  const academyDi = (a: Achievement, id: string, validFrom: string) =>
    signDi(ob3(ACADEMY, a, { id, validFrom, identifier: me }), academy, validFrom);
  /** A makerspace OB 2.0 assertion to the demo learner's address, signed (JWS). */
  const makerspaceJws = (a: Achievement, id: string, issuedOn: string) =>
    signOb2(ob2Assertion(a, id, issuedOn, DEMO_LEARNER_EMAIL), keys.makerspace.privateKeyPem);

  // The makerspace's hosted OB 2.0 documents (answered locally where demo data is on).
  const hosted: Record<string, Json> = {
    [MAKERSPACE.id]: {
      "@context": "https://w3id.org/openbadges/v2",
      type: "Issuer",
      id: MAKERSPACE.id,
      name: MAKERSPACE.name,
      url: `${DEMO_ORIGIN}/makerspace/`,
      email: "badges@sash-demo.example",
      publicKey: MAKERSPACE.key,
    },
    [MAKERSPACE.key]: {
      "@context": "https://w3id.org/openbadges/v2",
      type: "CryptographicKey",
      id: MAKERSPACE.key,
      owner: MAKERSPACE.id,
      publicKeyPem: keys.makerspace.publicKeyPem,
    },
  };
  for (const a of [GIT, SPREADSHEETS, SERVICE])
    hosted[`${DEMO_ORIGIN}/makerspace/badges/${a.slug}.json`] = ob2BadgeClass(
      a,
      `${DEMO_ORIGIN}/makerspace/badges/${a.slug}.png`,
    );
  await writeFile(path.join(DEMO_DIR, "hosted.json"), await jsonText(hosted, path.join(DEMO_DIR, "hosted.json")));

  // The registry.
  const registry = {
    meta: {
      name: DEMO_REGISTRY_NAME,
      created: "2026-12-05T00:00:00Z",
      updated: "2026-12-05T00:00:00Z",
      note: "Demo only: these issuers' private keys are published in data/demo/issuers.keys.json. Used only where Sash's demo data is on.",
    },
    registry: {
      [ACADEMY.id]: { name: ACADEMY.name, location: "Sash demo data", url: `${DEMO_ORIGIN}/academy/` },
      [COLLEGE.id]: { name: COLLEGE.name, location: "Sash demo data", url: `${DEMO_ORIGIN}/college/` },
      [MAKERSPACE.id]: { name: MAKERSPACE.name, location: "Sash demo data", url: `${DEMO_ORIGIN}/makerspace/` },
    },
  };
  await writeFile(REGISTRY_FILE, await jsonText(registry, REGISTRY_FILE));

  // ---- The demo learner's wallet --------------------------------------------------
  const sqlBadge = await academyDi(SQL, "urn:uuid:5a5d0001-0000-4000-8000-000000000001", "2026-09-12T09:00:00Z");
  const pythonJwt = await signVcJwt(
    ob3(ACADEMY, PYTHON, {
      id: "urn:uuid:5a5d0001-0000-4000-8000-000000000002",
      validFrom: "2026-10-03T09:00:00Z",
      identifier: plain(DEMO_UNCONFIRMED_EMAIL),
    }),
    academy,
  );
  const transcript = await clr(college, COLLEGE, "urn:uuid:5a5d0001-0000-4000-8000-000000000003", [
    {
      slug: "statistics-for-analysts",
      name: "Statistics for Analysts",
      description: "Descriptive statistics, sampling and hypothesis tests, worked in spreadsheets.",
      criteria: "Passed the course's coursework and final exam.",
      skills: ["Statistics", "Microsoft Excel"],
      achievementType: "Course",
    },
    {
      slug: "business-communication",
      name: "Business Communication",
      description: "Writes clear reports and presents findings to colleagues.",
      criteria: "Passed the written report and the presentation.",
      skills: ["Communication", "Problem solving"],
      achievementType: "Course",
    },
  ]);
  const gitJws = await makerspaceJws(GIT, "urn:uuid:5a5d0001-0000-4000-8000-000000000004", "2026-08-20T18:00:00Z");
  const wallet: DemoWalletFile[] = [
    {
      name: "data-analysis-sql.png",
      base64: bakePng(badgePicture([37, 99, 235]), "openbadgecredential", JSON.stringify(sqlBadge)).toString("base64"),
    },
    { name: "college-transcript.json", base64: Buffer.from(JSON.stringify(transcript, null, 2)).toString("base64") },
    {
      name: "version-control-git.png",
      base64: bakePng(badgePicture([22, 101, 52]), "openbadges", gitJws).toString("base64"),
    },
    {
      name: "python-for-data.png",
      base64: bakePng(badgePicture([180, 83, 9]), "openbadgecredential", pythonJwt).toString("base64"),
    },
  ];
  await writeFile(path.join(DEMO_DIR, "wallet.json"), await jsonText(wallet, path.join(DEMO_DIR, "wallet.json")));

  // ---- samples/ ---------------------------------------------------------------------
  const write = (name: string, bytes: Buffer | string) => writeFile(path.join(SAMPLES_DIR, name), bytes);
  const sheetsJws = await makerspaceJws(
    SPREADSHEETS,
    "urn:uuid:5a5d0002-0000-4000-8000-000000000001",
    "2026-07-02T18:00:00Z",
  );
  await write("ob2-signed.png", bakePng(badgePicture([21, 128, 61]), "openbadges", sheetsJws));
  const serviceJws = await makerspaceJws(
    SERVICE,
    "urn:uuid:5a5d0002-0000-4000-8000-000000000002",
    "2026-06-15T18:00:00Z",
  );
  await write("ob2-signed.svg", bakedSvg(serviceJws, "#0f766e", SERVICE.name));
  const a11y = await academyDi(ACCESSIBILITY, "urn:uuid:5a5d0002-0000-4000-8000-000000000003", "2026-11-02T09:00:00Z");
  const a11yPicture = badgePicture([109, 40, 217]);
  await write("ob3-data-integrity.png", bakePng(a11yPicture, "openbadgecredential", JSON.stringify(a11y)));
  const jsJwt = await signVcJwt(
    ob3(ACADEMY, JAVASCRIPT, {
      id: "urn:uuid:5a5d0002-0000-4000-8000-000000000004",
      validFrom: "2026-11-20T09:00:00Z",
      identifier: me,
    }),
    academy,
  );
  await write("ob3-vc-jwt.png", bakePng(badgePicture([202, 138, 4]), "openbadgecredential", jsJwt));
  const itSupport = await clr(
    college,
    COLLEGE,
    "urn:uuid:5a5d0002-0000-4000-8000-000000000005",
    [
      {
        slug: "troubleshooting",
        name: "IT Troubleshooting",
        description: "Finds and fixes faults in PCs, printers and accounts, step by step.",
        criteria: "Passed the practical troubleshooting assessment.",
        skills: ["Troubleshooting", "Technical support"],
        achievementType: "Course",
      },
      {
        slug: "networking-basics",
        name: "Networking Basics",
        description: "Sets up small networks: addressing, switches, Wi-Fi and firewalls.",
        criteria: "Passed the networking lab and quiz.",
        skills: ["Networking", "TCP/IP"],
        achievementType: "Course",
      },
    ],
    "Certificate in IT Support",
  );
  await write("clr2-transcript.json", await jsonText(itSupport, path.join(SAMPLES_DIR, "clr2-transcript.json")));
  // What an iPhone's share sheet hands on: the picture, its badge data stripped.
  await write("ios-stripped.png", badgePicture([190, 18, 60]));
  // A signed accessibility badge with its title changed after signing: the proof no longer matches.
  // A copy with an id of its own (so it isn't "already in your wallet" next to the genuine one).
  const signedCopy = await academyDi(
    ACCESSIBILITY,
    "urn:uuid:5a5d0002-0000-4000-8000-000000000006",
    "2026-11-02T09:00:00Z",
  );
  const forged = signedCopy as Json & { name: string; credentialSubject: { achievement: Json } };
  forged.name = "Web Accessibility Expert";
  forged.credentialSubject.achievement.name = "Web Accessibility Expert";
  await write("forged.png", bakePng(a11yPicture, "openbadgecredential", JSON.stringify(forged)));
  console.log(`wrote samples/ and data/demo/ (keys: ${fresh ? "new" : "kept"})`);
}

async function clr(
  signer: Signer,
  issuer: { id: string; name: string },
  id: string,
  courses: Achievement[],
  title = "Sash Demo College transcript",
): Promise<Json> {
  const nested: Json[] = [];
  for (const [i, a] of courses.entries()) {
    const cred = ob3(issuer, a, {
      id: `${id.slice(0, -2)}${String(10 + i)}`,
      validFrom: "2026-06-30T12:00:00Z",
      identifier: hashed(DEMO_LEARNER_EMAIL),
      type: "AchievementCredential",
    });
    nested.push(await signDi(cred, signer, "2026-06-30T12:00:00Z"));
  }
  const achievements = courses.map((a) => ({
    id: `${DEMO_ORIGIN}/achievements/${a.slug}`,
    type: ["Achievement"],
    achievementType: a.achievementType ?? "Course",
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
  }));
  const unsigned: Json = {
    "@context": CLR_CONTEXT,
    id,
    type: ["VerifiableCredential", "ClrCredential"],
    issuer: { id: issuer.id, type: ["Profile"], name: issuer.name, url: `${DEMO_ORIGIN}/college/` },
    validFrom: "2026-07-01T12:00:00Z",
    name: title,
    description: `Courses completed at ${issuer.name}.`,
    credentialSubject: {
      type: ["ClrSubject"],
      identifier: [hashed(DEMO_LEARNER_EMAIL)],
      achievement: achievements,
      verifiableCredential: nested,
    },
  };
  return signDi(unsigned, signer, "2026-07-01T12:00:00Z");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
