// What the issuer says about a credential — issuer, dates, criteria — as the
// <dt>/<dd> pairs of a <dl>. One component for the add form's "From the badge"
// box and the credential page's Details, so both read the same.
import type { ReactNode } from "react";
import type { EndorsementLine } from "@/lib/badges/achievement";
import { safeHttpUrl } from "@/lib/share/url";
import { formatDate } from "../_lib/format";
import { ExternalLink } from "./ExternalLink";

export interface BadgeFactsProps {
  issuerName: string | null;
  issuerUrl: string | null;
  issuerEmail?: string | null;
  issuedOn: Date | string | null;
  expires: Date | string | null;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  /** Issue #13: the achievement type in words ("Degree", "Bachelor's degree"). */
  achievementType?: string | null;
  /** Results in words ("Final Project Grade: A"). */
  results?: string[];
  /** Endorsements with their verification, in words. */
  endorsements?: EndorsementLine[];
  /** How the issuer's criteria text is shown (the credential page renders Markdown); plain text by default. */
  renderText?: (text: string) => ReactNode;
}

function plainText(text: string): ReactNode {
  return <span className="whitespace-pre-wrap">{text}</span>;
}

export function BadgeFacts({ renderText = plainText, ...f }: BadgeFactsProps) {
  return (
    <>
      {f.achievementType ? (
        <>
          <dt className="font-medium">Type</dt>
          <dd>{f.achievementType}</dd>
        </>
      ) : null}
      <dt className="font-medium">Issuer</dt>
      <dd>
        {f.issuerName ? <ExternalLink href={f.issuerUrl}>{f.issuerName}</ExternalLink> : "Not given"}
        {f.issuerEmail ? <span className="block text-sm text-stone-700">{f.issuerEmail}</span> : null}
      </dd>
      <dt className="font-medium">Issue date</dt>
      <dd>{formatDate(f.issuedOn) ?? "Not given"}</dd>
      <dt className="font-medium">Expiry</dt>
      <dd>{formatDate(f.expires) ?? "Does not expire"}</dd>
      <dt className="font-medium">Criteria</dt>
      <dd>
        {f.criteriaNarrative ? renderText(f.criteriaNarrative) : f.criteriaUrl ? null : "Not given"}
        {safeHttpUrl(f.criteriaUrl) ? (
          <ExternalLink href={f.criteriaUrl} className="block">
            Criteria on the issuer&apos;s site
          </ExternalLink>
        ) : null}
      </dd>
      {f.results?.length ? (
        <>
          <dt className="font-medium">Results</dt>
          <dd>
            <ul className="list-disc pl-5">
              {f.results.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {f.endorsements?.length ? (
        <>
          <dt className="font-medium">Endorsements</dt>
          <dd>
            <ul className="flex flex-col gap-2">
              {f.endorsements.map((e, i) => (
                <li key={i}>
                  <span className="font-medium">{e.by}</span> (of {e.of}) —{" "}
                  <span className={e.status === "verified" ? "text-green-800" : "text-stone-700"}>{e.statusText}</span>
                  {e.comment ? <q className="block text-stone-800">{e.comment}</q> : null}
                  {e.reason && e.status !== "verified" ? (
                    <span className="block text-sm text-stone-700">{e.reason}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </>
  );
}
