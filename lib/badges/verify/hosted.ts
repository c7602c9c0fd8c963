// OB 2.0 §Hosted Verification (and OB 1.0 `verify.url`): fetch the assertion
// where the issuer hosts it; it must be the same assertion. HTTP 410 or
// `revoked: true` means the issuer has revoked it.
import { describeFailure, idOf, isObject, sameResource, str, type Json, type Network, type Outcome } from "./util";

export interface HostedOutcome {
  hosted: Outcome;
  /** Set when the hosted copy says the badge is revoked (or gone: HTTP 410). */
  revocation: Outcome;
  /** The issuer's copy, when it could be fetched. */
  document: Json | null;
}

function identity(a: Json): string | null {
  const r = a.recipient;
  if (isObject(r)) return str(r.identity);
  return str(r);
}

export async function checkHosted(url: string, local: Json | null, net: Network): Promise<HostedOutcome> {
  const got = await net.get(url);
  if (got.kind === "http" && got.status === 410) {
    return {
      hosted: {
        status: "fail",
        message: "The issuer no longer vouches for this badge: its hosted copy has been withdrawn (HTTP 410).",
      },
      revocation: { status: "fail", message: "The issuer has revoked this badge." },
      document: null,
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
      document: null,
    };
  }
  if (got.kind !== "ok" || !isObject(got.json)) {
    const why = describeFailure(got, "the issuer's copy of this badge");
    return {
      hosted: { status: "warn", message: `${why} It can be checked again later.` },
      revocation: { status: "warn", message: `Sash can't tell whether the badge was revoked: ${why}` },
      document: null,
    };
  }
  const remote = got.json;
  const revocation: Outcome =
    remote.revoked === true
      ? {
          status: "fail",
          message: `The issuer has revoked this badge.${str(remote.revocationReason) ? ` The issuer's reason: "${String(remote.revocationReason)}".` : ""}`,
        }
      : { status: "pass", message: "The issuer's copy doesn't mark the badge as revoked." };
  if (local) {
    const differences: string[] = [];
    const localId = str(local.id);
    const remoteId = str(remote.id);
    if (localId && remoteId && !sameResource(localId, remoteId)) differences.push("its id");
    if (identity(local) !== null && identity(remote) !== null && identity(local) !== identity(remote))
      differences.push("its recipient");
    if (idOf(local.badge) && idOf(remote.badge) && !sameResource(idOf(local.badge), idOf(remote.badge)))
      differences.push("the badge it awards");
    const li = str(local.issuedOn);
    const ri = str(remote.issuedOn);
    if (li && ri && new Date(li).getTime() !== new Date(ri).getTime()) differences.push("its issue date");
    if (differences.length) {
      return {
        hosted: {
          status: "fail",
          message: `The issuer's copy of this badge differs in ${differences.join(", ")}, so this file isn't the badge the issuer published.`,
        },
        revocation,
        document: remote,
      };
    }
  }
  return {
    hosted: { status: "pass", message: "The issuer still hosts this badge and its copy matches this one." },
    revocation,
    document: remote,
  };
}
