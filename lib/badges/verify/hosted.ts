// OB 2.0 §Hosted Verification (and OB 1.0 `verify.url`): fetch the assertion
// where the issuer hosts it; it must be the same assertion. HTTP 410 or
// `revoked: true` means the issuer has revoked it.
//
// Issue #20 §3, "hosted is authoritative": the hosted assertion, and the
// BadgeClass and Issuer fetched by their ids, are what is checked and shown.
// A copy in the file (a baked or pasted assertion with an embedded BadgeClass
// or Issuer) that differs from them in anything a learner or an employer sees
// is a mismatch: the `hosted` check says which fields differ and the result is
// never `valid`. A different id, recipient, badge or issue date means another
// badge altogether and fails, as before.
import { normalizeOb1 } from "../normalize/ob1";
import { normalizeOb2 } from "../normalize/ob2";
import type { RecordBody } from "../normalize/fields";
import {
  describeFailure,
  idOf,
  isHttpUrl,
  isObject,
  parseDate,
  sameResource,
  str,
  type Json,
  type Network,
  type Outcome,
} from "./util";

/** The copy in the file: the assertion and whatever BadgeClass / Issuer it embeds (null where it only links). */
export interface LocalCopy {
  assertion: Json;
  badgeClass: Json | null;
  issuer: Json | null;
}

export interface HostedOutcome {
  hosted: Outcome;
  /** Set when the hosted copy says the badge is revoked (or gone: HTTP 410). */
  revocation: Outcome;
  /** The issuer's copy of the assertion, when it could be fetched. */
  document: Json | null;
  /** The BadgeClass fetched by its id (or embedded in the hosted assertion); null when unavailable. */
  badgeClass: Json | null;
  /** The Issuer profile fetched by its id (or embedded in the hosted BadgeClass); null when unavailable. */
  issuer: Json | null;
  /** The hosted documents read as a credential (what is shown); null when the assertion couldn't be fetched. */
  body: RecordBody | null;
}

function identity(a: Json): string | null {
  const r = a.recipient;
  if (isObject(r)) return str(r.identity);
  return str(r);
}

/** A linked document by its id: fetched when it is an http(s) URL, else the embedded object. */
async function byId(value: unknown, net: Network): Promise<Json | null> {
  const id = idOf(value);
  if (isHttpUrl(id)) {
    const got = await net.get(id);
    if (got.kind === "ok" && isObject(got.json)) return got.json;
    return null;
  }
  return isObject(value) ? value : null;
}

/** OB 1.0 (no @context, `verify`, `issued_on`) or OB 2.0. */
function isOb1(a: Json): boolean {
  return a["@context"] === undefined && (isObject(a.verify) || a.issued_on !== undefined || a.uid !== undefined);
}

function bodyOf(docs: LocalCopy): RecordBody {
  return isOb1(docs.assertion) ? normalizeOb1(docs) : normalizeOb2(docs);
}

const sameText = (a: string | null, b: string | null) =>
  (a ?? "").replace(/\s+/g, " ") === (b ?? "").replace(/\s+/g, " ");

function sameDate(a: string | null, b: string | null): boolean {
  if (!a && !b) return true;
  const da = parseDate(a);
  const db = parseDate(b);
  return !!da && !!db && da.getTime() === db.getTime();
}

/** Image URLs; a data: URI in the file can't be compared with a URL, and is never shown in its place. */
function sameImage(a: string | null, b: string | null): boolean {
  if (!a) return true;
  if (/^data:/i.test(a) || (b && /^data:/i.test(b))) return true;
  return sameResource(a, b) || sameText(a, b);
}

const listKey = (items: object[]) =>
  JSON.stringify(items.map((i) => Object.values(i).map((v: unknown) => (typeof v === "string" ? v.trim() : v))));

/**
 * What the file's copy says differently from the issuer's, field by field (only fields the
 * file has: a file that links to its BadgeClass or Issuer has nothing of theirs to differ in).
 */
function displayDifferences(local: LocalCopy, hosted: LocalCopy): string[] {
  const a = bodyOf(local);
  const b = bodyOf(hosted);
  const out: string[] = [];
  // The assertion's own fields: `expires` left out of the copy is a difference too.
  if (!sameDate(a.expires, b.expires)) out.push("its expiry date");
  if (a.evidence.length && listKey(a.evidence) !== listKey(b.evidence)) out.push("its evidence");
  const badge = local.badgeClass ?? (isObject(local.assertion.badge) ? local.assertion.badge : null);
  if (badge) {
    if (!sameText(a.title, b.title)) out.push("its title");
    if (!sameText(a.description, b.description)) out.push("its description");
    if (!sameImage(a.image, b.image)) out.push("its image");
    if (!sameText(a.criteria.narrative, b.criteria.narrative) || !sameText(a.criteria.url, b.criteria.url))
      out.push("its criteria");
    if (listKey(a.alignments) !== listKey(b.alignments) || !sameText(a.skills.join("|"), b.skills.join("|")))
      out.push("its skills and alignments");
  }
  const issuer = local.issuer ?? (badge && isObject(badge.issuer) ? badge.issuer : null);
  if (issuer) {
    if (!sameText(a.issuer.name, b.issuer.name)) out.push("its issuer's name");
    if (a.issuer.url && !sameResource(a.issuer.url, b.issuer.url)) out.push("its issuer's web address");
    if (a.issuer.email && !sameText(a.issuer.email, b.issuer.email)) out.push("its issuer's email");
    if (!sameImage(a.issuer.image, b.issuer.image)) out.push("its issuer's image");
  }
  return out;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export async function checkHosted(url: string, local: LocalCopy | null, net: Network): Promise<HostedOutcome> {
  const none = { document: null, badgeClass: null, issuer: null, body: null };
  const got = await net.get(url);
  if (got.kind === "http" && got.status === 410) {
    return {
      hosted: {
        status: "fail",
        message: "The issuer no longer vouches for this badge: its hosted copy has been withdrawn (HTTP 410).",
      },
      revocation: { status: "fail", message: "The issuer has revoked this badge." },
      ...none,
    };
  }
  if (got.kind === "http" && got.status === 404) {
    return {
      hosted: {
        status: "fail",
        message: "The issuer no longer publishes this badge at its address (HTTP 404), so it can't be confirmed.",
      },
      revocation: {
        status: "warn",
        message: "Sash can't tell whether the badge was revoked because the issuer's copy is missing.",
      },
      ...none,
    };
  }
  if (got.kind !== "ok" || !isObject(got.json)) {
    const why = describeFailure(got, "the issuer's copy of this badge");
    return {
      hosted: { status: "warn", message: `${why} It can be checked again later.` },
      revocation: { status: "warn", message: `Sash can't tell whether the badge was revoked: ${why}` },
      ...none,
    };
  }
  const remote = got.json;
  const badgeClass = await byId(remote.badge, net);
  const issuer = badgeClass ? await byId(badgeClass.issuer, net) : null;
  const hostedDocs: LocalCopy = { assertion: remote, badgeClass, issuer };
  const body = bodyOf(hostedDocs);
  const out = { document: remote, badgeClass, issuer, body };
  const revocation: Outcome =
    remote.revoked === true
      ? {
          status: "fail",
          message: `The issuer has revoked this badge.${str(remote.revocationReason) ? ` The issuer's reason: "${String(remote.revocationReason)}".` : ""}`,
        }
      : { status: "pass", message: "The issuer's copy doesn't mark the badge as revoked." };
  if (local) {
    const differences: string[] = [];
    const localId = str(local.assertion.id);
    const remoteId = str(remote.id);
    if (localId && remoteId && !sameResource(localId, remoteId)) differences.push("its id");
    if (
      identity(local.assertion) !== null &&
      identity(remote) !== null &&
      identity(local.assertion) !== identity(remote)
    )
      differences.push("its recipient");
    if (
      idOf(local.assertion.badge) &&
      idOf(remote.badge) &&
      !sameResource(idOf(local.assertion.badge), idOf(remote.badge))
    )
      differences.push("the badge it awards");
    const li = str(local.assertion.issuedOn);
    const ri = str(remote.issuedOn);
    if (li && ri && new Date(li).getTime() !== new Date(ri).getTime()) differences.push("its issue date");
    if (differences.length) {
      return {
        hosted: {
          status: "fail",
          message: `The issuer's copy of this badge differs in ${joinWords(differences)}, so this file isn't the badge the issuer published.`,
        },
        revocation,
        ...out,
      };
    }
    // A file that is only a pointer (no `badge`) carries nothing of the issuer's to differ in.
    const shown = local.assertion.badge !== undefined ? displayDifferences(local, hostedDocs) : [];
    if (shown.length) {
      return {
        hosted: {
          status: "warn",
          message: `This file's copy of the badge doesn't match the issuer's hosted copy: it differs in ${joinWords(shown)}. Sash shows the issuer's copy; the file's copy can't be verified.`,
        },
        revocation,
        ...out,
      };
    }
  }
  return {
    hosted: { status: "pass", message: "The issuer still hosts this badge and its copy matches this one." },
    revocation,
    ...out,
  };
}
