import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/server/auth";
import { learnerRecordFor, type LearnerRecordDetail } from "@/server/wallet";
import { achievementTree, type AchievementNode } from "@/lib/wallet/records";
import type { ClrAchievementEntry } from "@/lib/badges/types";
import { presentTrust } from "@/lib/trust/present";
import { BackLink } from "@/app/components/BackLink";
import { Section } from "@/app/components/Section";
import { TrustSummary } from "../../components/TrustSummary";
import { VerificationStatus } from "../../components/VerificationStatus";
import { formatDate } from "../../_lib/format";
import { DeleteRecord } from "./DeleteRecord";

export const metadata: Metadata = { title: "Learner record" };

const ORIGIN_WORDS: Record<string, string> = {
  upload: "Uploaded file",
  url: "Imported from a web address",
  paste: "Pasted data",
};

type Linked = LearnerRecordDetail["credentials"][number];

/** One achievement: its name and type, and the credential page for it (or that the record holds none). */
function AchievementItem({
  node,
  byIndex,
  depth,
}: {
  node: AchievementNode<ClrAchievementEntry>;
  byIndex: Map<number, Linked>;
  depth: number;
}) {
  const a = node.achievement;
  const cred = a.credentialIndex !== null ? byIndex.get(a.credentialIndex) : undefined;
  const title = a.title ?? cred?.title ?? "Untitled achievement";
  return (
    <li className="min-w-0">
      <div className="rounded border border-stone-200 bg-white p-3">
        <p className="font-medium">
          {cred ? (
            <Link href={`/wallet/c/${cred.id}`} className="underline">
              {title}
            </Link>
          ) : (
            title
          )}
        </p>
        {a.achievementType ? <p className="text-sm text-stone-700">{a.achievementType}</p> : null}
        {cred ? (
          <div className="mt-1">
            <VerificationStatus status={cred.status} />
          </div>
        ) : (
          <p className="mt-1 text-sm text-stone-700">
            {a.credentialIndex === null
              ? "No credential for this achievement in the record."
              : "Its credential is no longer in your wallet."}
          </p>
        )}
      </div>
      {node.children.length && depth < 8 ? (
        <ul className="mt-2 flex flex-col gap-2 border-l-2 border-stone-200 pl-4">
          {node.children.map((c, i) => (
            <AchievementItem key={`${c.achievement.id ?? ""}-${i}`} node={c} byIndex={byIndex} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default async function LearnerRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/wallet/r/${encodeURIComponent(id)}`);
  const r = await learnerRecordFor(user, id);
  if (!r) notFound();
  const byIndex = new Map<number, Linked>();
  for (const c of r.credentials) if (c.index !== null && !byIndex.has(c.index)) byIndex.set(c.index, c);
  const tree = achievementTree(r.achievements, r.associations);
  // Credentials of the record that no listed achievement points at.
  const shown = new Set(r.achievements.map((a) => a.credentialIndex).filter((i): i is number => i !== null));
  const others = r.credentials.filter((c) => c.index === null || !shown.has(c.index));
  const trust = presentTrust(r.verification, { issuerName: r.issuerName, issuedOn: r.issuedOn, expires: r.expires });
  const nested = r.verification?.credentials ?? [];

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <BackLink href="/wallet">Back to your wallet</BackLink>
      <p className="text-sm font-medium uppercase tracking-wide text-stone-600">Learner record</p>
      <h1 className="text-2xl font-bold">{r.title}</h1>
      {r.issuerTitle && r.issuerTitle !== r.title ? (
        <p className="text-sm text-stone-700">Title from the issuer: {r.issuerTitle}</p>
      ) : null}
      {r.issuerName ? <p className="text-stone-700">Issued by {r.issuerName}</p> : null}
      {r.issuedOn ? <p className="text-stone-700">Issued {formatDate(r.issuedOn)}</p> : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <a
          href={`/wallet/r/${r.id}/file`}
          download
          className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800"
        >
          Download original
        </a>
        <DeleteRecord id={r.id} title={r.title} credentialCount={r.credentialCount} />
      </div>

      <Section headingId="achievements-heading" title="Achievements" className="mt-8">
        {tree.length ? (
          <ul className="mt-3 flex flex-col gap-2">
            {tree.map((n, i) => (
              <AchievementItem key={`${n.achievement.id ?? ""}-${i}`} node={n} byIndex={byIndex} depth={0} />
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-stone-700">This record lists no achievements of its own.</p>
        )}
        {others.length ? (
          <>
            <h3 className="mt-6 font-semibold">{tree.length ? "More credentials in this record" : "Credentials"}</h3>
            <ul className="mt-2 flex flex-col gap-2">
              {others.map((c) => (
                <li key={c.id} className="rounded border border-stone-200 bg-white p-3">
                  <Link href={`/wallet/c/${c.id}`} className="font-medium underline">
                    {c.title}
                  </Link>
                  <div className="mt-1">
                    <VerificationStatus status={c.status} />
                  </div>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section headingId="record-verification-heading" title="Verification" className="mt-8">
        <div className="mt-3 flex flex-col gap-4">
          <TrustSummary view={trust} />
          {nested.length ? (
            <p className="text-stone-700">
              The record&apos;s own proof is checked, and each of its {nested.length} credentials on its own: open a
              credential to see its checks.
            </p>
          ) : null}
        </div>
      </Section>

      <Section headingId="record-details-heading" title="Details" className="mt-8">
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {r.description ? (
            <>
              <dt className="font-medium">Description</dt>
              <dd className="whitespace-pre-line">{r.description}</dd>
            </>
          ) : null}
          <dt className="font-medium">Format</dt>
          <dd>Comprehensive Learner Record 2.0</dd>
          <dt className="font-medium">Source</dt>
          <dd>{ORIGIN_WORDS[r.origin] ?? r.origin}</dd>
          {r.externalId ? (
            <>
              <dt className="font-medium">Record ID</dt>
              <dd className="break-all font-mono text-sm">{r.externalId}</dd>
            </>
          ) : null}
          {r.expires ? (
            <>
              <dt className="font-medium">Expires</dt>
              <dd>{formatDate(r.expires)}</dd>
            </>
          ) : null}
          <dt className="font-medium">Added</dt>
          <dd>{formatDate(r.createdAt)}</dd>
        </dl>
      </Section>
    </main>
  );
}
