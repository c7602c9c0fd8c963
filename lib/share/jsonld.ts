// The machine-readable copy of a shared credential, embedded as JSON-LD.
// It is the original OB 2.0 assertion or OB 3.0 credential, minus the fields
// that identify the recipient (privacy: issue #7 §4 — no email, identity or hash).

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function stripSubject(subject: unknown): unknown {
  if (Array.isArray(subject)) return subject.map(stripSubject);
  if (!isObject(subject)) return subject;
  const { id: _id, identifier: _identifier, email: _email, ...rest } = subject;
  return rest;
}

/** The credential document without recipient identifiers (OB 2.0 `recipient`; OB 3.0 `credentialSubject.id/identifier`). */
export function publicCredentialDocument(doc: Json): Json {
  const { recipient: _recipient, ...rest } = doc;
  if ("credentialSubject" in rest) rest.credentialSubject = stripSubject(rest.credentialSubject);
  return rest;
}

export interface ManualCredentialLd {
  name: string;
  description: string;
  issuerName: string | null;
  url: string;
}

/** schema.org description for a credential the learner entered by hand (no issuer document exists). */
export function manualCredentialDocument(c: ManualCredentialLd): Json {
  const doc: Json = {
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalCredential",
    name: c.name,
    url: c.url,
  };
  if (c.description) doc.description = c.description;
  if (c.issuerName) doc.recognizedBy = { "@type": "Organization", name: c.issuerName };
  return doc;
}

/**
 * JSON for a <script type="application/ld+json"> element. `<`, `>` and `&` are
 * written as \u escapes so the text can never close the element or open a
 * comment (HTML §4.12.1.3 restrictions for contents of script elements);
 * U+2028/2029 likewise, for consumers that eval JSON as JavaScript.
 */
export function jsonLdScriptText(doc: unknown): string {
  return JSON.stringify(doc)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
