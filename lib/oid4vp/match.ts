// Which of the learner's credentials answer a verifier's query (OpenID4VP 1.0, issue #22 §3):
// DCQL (§6: credentials[] with format, meta.type_values, claims paths and values, credential_sets)
// and DIF Presentation Exchange 2.0 presentation_definition (input_descriptors, constraints.fields
// with JSONPath and a JSON Schema subset filter). Pure and small: no network, no database.
import type { Json } from "../badges/verify/util";

type Value = unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The credential's types, short names (a full IRI's last segment counts as well). */
export function credentialTypes(credential: Json): string[] {
  const t = credential.type;
  const list = Array.isArray(t) ? t : typeof t === "string" ? [t] : [];
  return list.filter((x): x is string => typeof x === "string");
}

function typeMatches(have: string[], want: string): boolean {
  return have.some((h) => h === want || want.endsWith(`#${h}`) || want.endsWith(`/${h}`));
}

// ---- DCQL -------------------------------------------------------------------------------------------------------

export interface DcqlClaim {
  id?: string;
  path: Array<string | number | null>;
  values?: Array<string | number | boolean>;
}

export interface DcqlCredentialQuery {
  id: string;
  format: string;
  multiple?: boolean;
  meta?: { type_values?: string[][]; vct_values?: string[] };
  claims?: DcqlClaim[];
  claim_sets?: string[][];
}

export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
  credential_sets?: Array<{ options: string[][]; required?: boolean }>;
}

/** The formats Sash answers: W3C VCs as Data Integrity (ldp_vc) or inside a VP-JWT (jwt_vc_json). */
export const DCQL_FORMATS = ["ldp_vc", "jwt_vc_json"] as const;

/** Values a DCQL claims path selects (§7: string = key, integer = index, null = every element). */
export function selectPath(root: Value, path: Array<string | number | null>): Value[] {
  let current: Value[] = [root];
  for (const step of path) {
    const next: Value[] = [];
    for (const v of current) {
      if (step === null) {
        if (Array.isArray(v)) next.push(...v);
      } else if (typeof step === "number") {
        if (Array.isArray(v) && step >= 0 && step < v.length) next.push(v[step]);
      } else if (isObject(v) && step in v) {
        next.push(v[step]);
      } else if (Array.isArray(v)) {
        // credentialSubject may be one object or an array of them
        for (const item of v) if (isObject(item) && step in item) next.push(item[step]);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function claimHolds(credential: Json, claim: DcqlClaim): boolean {
  const found = selectPath(credential, claim.path).filter((v) => v !== undefined && v !== null);
  if (found.length === 0) return false;
  if (!claim.values) return true;
  return found.some((v) => claim.values!.some((w) => w === v));
}

/** Does one stored credential answer one DCQL credential query? */
export function dcqlMatches(credential: Json, query: DcqlCredentialQuery): boolean {
  if (!(DCQL_FORMATS as readonly string[]).includes(query.format)) return false;
  const typeValues = query.meta?.type_values;
  if (typeValues && typeValues.length) {
    const have = credentialTypes(credential);
    if (!typeValues.some((set) => Array.isArray(set) && set.every((t) => typeMatches(have, t)))) return false;
  }
  const claims = query.claims ?? [];
  if (query.claim_sets && query.claim_sets.length) {
    const byId = new Map(claims.map((c) => [c.id, c]));
    return query.claim_sets.some((set) => set.every((id) => byId.has(id) && claimHolds(credential, byId.get(id)!)));
  }
  return claims.every((c) => claimHolds(credential, c));
}

/**
 * Whether the chosen query ids satisfy the query: every required credential set has an option
 * whose ids are all chosen; without credential_sets, every credential query must be answered.
 */
export function dcqlSatisfied(query: DcqlQuery, answered: Set<string>): boolean {
  if (!query.credential_sets || query.credential_sets.length === 0) {
    return query.credentials.every((c) => answered.has(c.id));
  }
  return query.credential_sets
    .filter((s) => s.required !== false)
    .every((s) => s.options.some((option) => option.every((id) => answered.has(id))));
}

// ---- Presentation Exchange 2.0 ----------------------------------------------------------------------------------

export interface PeField {
  path: string[];
  filter?: Record<string, unknown>;
  optional?: boolean;
  name?: string;
  purpose?: string;
}

export interface InputDescriptor {
  id: string;
  name?: string;
  purpose?: string;
  format?: Record<string, unknown>;
  constraints?: { fields?: PeField[]; limit_disclosure?: string };
}

export interface PresentationDefinition {
  id: string;
  name?: string;
  purpose?: string;
  format?: Record<string, unknown>;
  input_descriptors: InputDescriptor[];
}

/** A JSONPath subset: `$`, `.name`, `['name']` / `["name"]`, `[n]`, `[*]`, `.*`. Null when not understood. */
export function parseJsonPath(path: string): Array<string | number | null> | null {
  if (!path.startsWith("$")) return null;
  const steps: Array<string | number | null> = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\.([A-Za-z_@$][\w@$-]*)/))) steps.push(m[1]!);
    else if ((m = rest.match(/^\.\*/)) || (m = rest.match(/^\[\*\]/))) steps.push(null);
    else if ((m = rest.match(/^\[(\d+)\]/))) steps.push(Number(m[1]));
    else if ((m = rest.match(/^\['([^']*)'\]/)) || (m = rest.match(/^\["([^"]*)"\]/))) steps.push(m[1]!);
    else return null;
    i += m[0].length;
  }
  return steps;
}

function typeOk(v: Value, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case "string":
        return typeof v === "string";
      case "number":
        return typeof v === "number";
      case "integer":
        return Number.isInteger(v);
      case "boolean":
        return typeof v === "boolean";
      case "array":
        return Array.isArray(v);
      case "object":
        return isObject(v);
      case "null":
        return v === null;
      default:
        return false;
    }
  });
}

/** The JSON Schema subset PE filters use: type, const, enum, pattern, contains, minLength/maxLength. */
export function filterHolds(v: Value, schema: Record<string, unknown>): boolean {
  if ("type" in schema && !typeOk(v, schema.type)) {
    // Lenient for the common `$.type` + {type: string, …} filter: an array passes when one item does.
    if (Array.isArray(v) && !(Array.isArray(schema.type) ? schema.type : [schema.type]).includes("array")) {
      return v.some((item) => filterHolds(item, schema));
    }
    return false;
  }
  if ("const" in schema && JSON.stringify(v) !== JSON.stringify(schema.const)) {
    return Array.isArray(v) && !("type" in schema) ? v.some((item) => filterHolds(item, schema)) : false;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    return Array.isArray(v) && !("type" in schema) ? v.some((item) => filterHolds(item, schema)) : false;
  }
  if (typeof schema.pattern === "string") {
    if (typeof v !== "string") {
      return Array.isArray(v) && !("type" in schema) ? v.some((item) => filterHolds(item, schema)) : false;
    }
    let re: RegExp;
    try {
      re = new RegExp(schema.pattern, "u");
    } catch {
      return false;
    }
    if (!re.test(v)) return false;
  }
  if (typeof schema.minLength === "number" && !(typeof v === "string" && v.length >= schema.minLength)) return false;
  if (typeof schema.maxLength === "number" && !(typeof v === "string" && v.length <= schema.maxLength)) return false;
  if (isObject(schema.contains)) {
    if (!Array.isArray(v) || !v.some((item) => filterHolds(item, schema.contains as Record<string, unknown>))) {
      return false;
    }
  }
  return true;
}

function fieldHolds(credential: Json, field: PeField): boolean {
  for (const p of field.path) {
    const steps = parseJsonPath(p);
    if (!steps) continue;
    // A path written for a VC-JWT's payload (`$.vc.…`) reads the credential itself.
    const tries = steps[0] === "vc" ? [steps, steps.slice(1)] : [steps];
    for (const s of tries) {
      const found = selectPath(credential, s).filter((v) => v !== undefined);
      if (found.length === 0) continue;
      if (!field.filter || found.some((v) => filterHolds(v, field.filter!))) return true;
    }
  }
  return false;
}

/** Does one stored credential answer one input descriptor? (Optional fields don't decide.) */
export function descriptorMatches(credential: Json, descriptor: InputDescriptor): boolean {
  return (descriptor.constraints?.fields ?? []).filter((f) => !f.optional).every((f) => fieldHolds(credential, f));
}

// ---- Plain words for the learner ---------------------------------------------------------------------------------

function pathWords(path: Array<string | number | null>): string {
  return path
    .filter((s): s is string => typeof s === "string")
    .filter((s) => s !== "credentialSubject" && s !== "vc")
    .join(" › ");
}

/** What a DCQL credential query asks for, in words. */
export function describeDcql(q: DcqlCredentialQuery): { kind: string; claims: string[] } {
  const types = (q.meta?.type_values ?? []).map((set) => set.filter((t) => t !== "VerifiableCredential").join(" + "));
  const kind = types.filter(Boolean).join(" or ") || "any credential";
  const claims = (q.claims ?? []).map(
    (c) => pathWords(c.path) + (c.values ? ` (one of: ${c.values.map(String).join(", ")})` : ""),
  );
  return { kind, claims };
}

/** What an input descriptor asks for, in words. */
export function describeDescriptor(d: InputDescriptor): { kind: string; claims: string[] } {
  const kind = d.name ?? d.purpose ?? d.id;
  const claims = (d.constraints?.fields ?? []).map((f) => {
    const steps = parseJsonPath(f.path[0] ?? "");
    const words = f.name ?? (steps ? pathWords(steps) : (f.path[0] ?? ""));
    const c = f.filter && "const" in f.filter ? ` = ${JSON.stringify(f.filter.const)}` : "";
    const contains =
      f.filter && isObject(f.filter.contains) && "const" in f.filter.contains
        ? ` includes ${JSON.stringify(f.filter.contains.const)}`
        : "";
    return `${words}${c}${contains}${f.optional ? " (optional)" : ""}`;
  });
  return { kind, claims };
}
