// The `schema` check (issue #13 item 4): a credential's `credentialSchema` entries of
// type 1EdTechJsonSchemaValidator2019 (OB 3.0 §8.2.1, CLR 2.0 §8.1) are validated with
// Ajv against the 1EdTech JSON Schemas bundled in ./schemas (sources in its README).
// Nothing is ever fetched: a schema URL Sash has no copy of is a `warn`.
//
// A credential that fails its own declared schema is malformed, and the check `fail`s:
// Sash never calls a malformed credential "Verified" (overallResult: alone it is
// indeterminate). The compacted form the OB 3.0 specification allows — one value where
// the schema wants a set — is read as a set of one before it is judged (issue #20).
import Ajv2019, { type ErrorObject, type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { asArray, isObject, str, type Json, type Outcome } from "./util";

import achievementVc1 from "./schemas/ob_v3p0_achievementcredential_schema-vc1.json";
import achievementVc2 from "./schemas/ob_v3p0_achievementcredential_schema-vc2.json";
import endorsementVc1 from "./schemas/ob_v3p0_endorsementcredential_schema-vc1.json";
import endorsementVc2 from "./schemas/ob_v3p0_endorsementcredential_schema-vc2.json";
import clrVc1 from "./schemas/clr_v2p0_clrcredential_schema-vc1.json";

export const SCHEMA_VALIDATOR_TYPE = "1EdTechJsonSchemaValidator2019";

const VC2 = "https://www.w3.org/ns/credentials/v2";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/";
const CLR = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/";

/** Which data model a credential follows: VCDM 1.1 (issuanceDate) or 2.0 (validFrom). */
type Edition = "vc1" | "vc2";

/**
 * The published schema URL → its bundled copies, one per data model. 1EdTech publishes
 * the OB 3.0 schema at one URL for both: the 3.0–3.0.2 release (VCDM 1.1) and the 3.0.3
 * release (VCDM 2.0); like 1EdTech's own validator, Sash picks the copy by the
 * credential's base context.
 */
const BUNDLED: ReadonlyMap<string, Partial<Record<Edition, object>>> = new Map<
  string,
  Partial<Record<Edition, object>>
>([
  [`${OB}ob_v3p0_achievementcredential_schema.json`, { vc1: achievementVc1, vc2: achievementVc2 }],
  [`${OB}ob_v3p0_endorsementcredential_schema.json`, { vc1: endorsementVc1, vc2: endorsementVc2 }],
  [`${CLR}clr_v2p0_clrcredential_schema.json`, { vc1: clrVc1 }],
]);

/** Most credentialSchema entries read for one credential (the rest are ignored). */
const MAX_ENTRIES = 5;

let ajv: Ajv2019 | null = null;
const compiled = new Map<object, ValidateFunction>();

/** Compiled once per process, on first use. */
function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (v) return v;
  if (!ajv) {
    ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
  }
  // The CLR copy declares draft-04 as its meta-schema but is written in 2019-09 ($defs);
  // it is compiled as 2019-09 like the others.
  const { $schema: _meta, ...body } = schema as { $schema?: string };
  v = ajv.compile(body);
  compiled.set(schema, v);
  return v;
}

/** Bundled schema URLs (for tests and the README). */
export function bundledSchemaUrls(): string[] {
  return [...BUNDLED.keys()];
}

function editionOf(credential: Json): Edition {
  return asArray(credential["@context"])[0] === VC2 ? "vc2" : "vc1";
}

/** `credentialSubject.achievement.criteria` style path from a JSON Pointer. */
function propertyPath(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child) parts.push(child);
  let out = "";
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || "the credential";
}

/** One Ajv error in words a learner can follow, naming the property. */
export function describeSchemaError(e: ErrorObject): string {
  if (e.keyword === "required") {
    const missing = String((e.params as { missingProperty?: string }).missingProperty ?? "");
    const where = e.instancePath ? ` in ${propertyPath(e.instancePath)}` : "";
    return `"${propertyPath("", missing)}" is missing${where}`;
  }
  if (e.keyword === "additionalProperties") {
    const extra = String((e.params as { additionalProperty?: string }).additionalProperty ?? "");
    return `"${propertyPath(e.instancePath, extra)}" isn't allowed there`;
  }
  if (e.keyword === "format") {
    return `"${propertyPath(e.instancePath)}" isn't a valid ${String((e.params as { format?: string }).format)}`;
  }
  return `"${propertyPath(e.instancePath)}" ${e.message ?? "doesn't match the schema"}`;
}

/**
 * The errors worth showing: the deepest ones first, without the summaries Ajv adds
 * for oneOf/anyOf (the branch errors under them already name the property).
 */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !["oneOf", "anyOf", "allOf", "if", "then", "else"].includes(e.keyword));
  const list = concrete.length ? concrete : errors;
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of [...list].sort((a, b) => b.instancePath.split("/").length - a.instancePath.split("/").length)) {
    const key = describeSchemaError(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** Rounds of "a single value where a set is wanted" (nested sets can take one round per level). */
const MAX_SET_ROUNDS = 6;

function pointerParts(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Validates again with every single value the schema wants as an array read as a set of one;
 * true when that passes, else the remaining errors (those of the last round).
 */
function asSetsOfOne(validate: ValidateFunction, subject: Json): true | ErrorObject[] {
  const doc: unknown = structuredClone(subject);
  let errors = validate.errors ?? [];
  for (let round = 0; round < MAX_SET_ROUNDS; round++) {
    let changed = false;
    for (const e of errors) {
      const wanted = (e.params as { type?: unknown }).type;
      if (e.keyword !== "type" || !(wanted === "array" || (Array.isArray(wanted) && wanted.includes("array"))))
        continue;
      const parts = pointerParts(e.instancePath);
      if (parts.length === 0) continue;
      let parent: unknown = doc;
      for (const p of parts.slice(0, -1))
        parent = isObject(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[p] : undefined;
      const key = parts[parts.length - 1]!;
      if (!(isObject(parent) || Array.isArray(parent))) continue;
      const holder = parent as Record<string, unknown>;
      const value = holder[key];
      if (value === undefined || value === null || Array.isArray(value)) continue;
      holder[key] = [value];
      changed = true;
    }
    if (!changed) break;
    if (validate(doc)) return true;
    errors = validate.errors ?? [];
  }
  return errors;
}

interface EntryResult {
  url: string;
  status: "pass" | "fail" | "warn";
  detail?: string;
}

function checkEntry(credential: Json, url: string): EntryResult {
  const copies = BUNDLED.get(url);
  if (!copies) return { url, status: "warn" };
  const edition = editionOf(credential);
  const schema = copies[edition];
  if (!schema) {
    return {
      url,
      status: "warn",
      detail: `Sash has that schema only for ${edition === "vc2" ? "Verifiable Credentials 1.1" : "Verifiable Credentials 2.0"} credentials`,
    };
  }
  const validate = validatorFor(schema);
  // The proof is the signer's, not the issuer's data: VC-DI §2.1 lets it be one object,
  // and the 3.0.3 schema's compacted form wants a set, so one proof is given as a set of one.
  const subject = isObject(credential.proof) ? { ...credential, proof: [credential.proof] } : credential;
  if (validate(subject)) return { url, status: "pass" };
  // Issue #20: JSON-LD compaction writes a set of one as the single value (OB 3.0 "compacted
  // document"; 1EdTech's compaction-compatible schemas accept it, and the signed data is the
  // same). Where the schema wants an array and the credential has one value, it is read as a
  // set of one and checked again; anything still wrong fails and is named.
  const compacted = asSetsOfOne(validate, subject);
  if (compacted === true) return { url, status: "pass" };
  const errors = pickErrors(compacted);
  const shown = errors.slice(0, 3).map(describeSchemaError);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return { url, status: "fail", detail: `${shown.join("; ")}${more}` };
}

function schemaName(url: string): string {
  const file = url.split("/").pop() ?? url;
  if (file.startsWith("clr_v2p0")) return "the CLR 2.0 schema";
  if (file.startsWith("ob_v3p0_endorsement")) return "the Open Badges 3.0 endorsement schema";
  if (file.startsWith("ob_v3p0")) return "the Open Badges 3.0 schema";
  return url;
}

/** The `schema` check for an OB 3.0 / CLR 2.0 credential (JSON or the `vc` of a VC-JWT). */
export function checkCredentialSchema(credential: Json): Outcome {
  const entries = asArray(credential.credentialSchema).filter(isObject);
  const ours = entries.filter((e) => e.type === SCHEMA_VALIDATOR_TYPE && str(e.id));
  if (ours.length === 0) {
    return {
      status: "skip",
      message: entries.length
        ? "The credential names a schema of a kind Sash doesn't check."
        : "The credential doesn't name a schema to check its structure against.",
    };
  }
  const results = ours.slice(0, MAX_ENTRIES).map((e) => checkEntry(credential, str(e.id)!));
  const failed = results.filter((r) => r.status === "fail");
  if (failed.length) {
    const f = failed[0]!;
    return {
      status: "fail",
      message: `The credential doesn't follow ${schemaName(f.url)} it names: ${f.detail}.`,
    };
  }
  const passed = results.filter((r) => r.status === "pass").map((r) => schemaName(r.url));
  const unchecked = results.filter((r) => r.status === "warn");
  const notes = unchecked.map((r) => (r.detail ? `${schemaName(r.url)} (${r.detail})` : r.url));
  if (unchecked.length === 0) {
    return { status: "pass", message: `The credential follows ${[...new Set(passed)].join(" and ")}.` };
  }
  const lead = passed.length ? `The credential follows ${[...new Set(passed)].join(" and ")}, but ` : "";
  return {
    status: "warn",
    message: `${lead}Sash couldn't check it against ${notes.join(", ")}: Sash checks only the schemas it has a copy of, and never fetches one.`,
  };
}
