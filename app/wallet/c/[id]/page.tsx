import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/server/auth";
import { credentialFor, detailsOf } from "@/server/wallet";
import { shareUrl } from "@/server/share";
import { renderMarkdown } from "@/lib/share/markdown";
import { CREDENTIAL_PLACEHOLDER_PATH } from "@/lib/share/url";
import { SkillChips } from "../../components/SkillChips";
import { cardImageSrc } from "../../components/CredentialCard";
import { formatBytes, formatDate } from "../../_lib/format";
import { BadgeFacts } from "../../components/BadgeFacts";
import { ExternalLink } from "../../components/ExternalLink";
import { BackLink } from "@/app/components/BackLink";
import { Section } from "@/app/components/Section";
import { DeleteCredential } from "./DeleteCredential";
import { VerifyAgain } from "./VerifyAgain";
import { ShareControls } from "./ShareControls";
import { RecipientReconcile } from "./RecipientReconcile";
import { DownloadOption } from "./DownloadOption";
import { TrustSummary } from "../../components/TrustSummary";
import { presentTrust } from "@/lib/trust/present";
import { recipientHint, recipientIsHashed } from "@/lib/trust/recipient";
import { isBakedImport } from "@/lib/share/view";
import { achievementView } from "@/lib/badges/achievement";

export const metadata: Metadata = { title: "Credential" };

const ORIGIN_WORDS: Record<string, string> = {
  upload: "Uploaded badge image",
  url: "Imported from a web address",
  paste: "Pasted badge data",
  manual: "Entered by hand",
};
const SPEC_WORDS: Record<string, string> = { ob1: "Open Badges 1.0", ob2: "Open Badges 2.0", ob3: "Open Badges 3.0" };

/** Badge text is attacker-controlled: rendered by the share page's inert Markdown renderer (no raw HTML, safe links). */
function Markdown({ text }: { text: string }) {
  return (
    <div
      className="[&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_p+p]:mt-2 [&_ul]:list-disc"
      dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }}
    />
  );
}

/** A <dt>/<dd> pair holding a bulleted list, left out when the list is empty. */
function FactList({ term, children }: { term: string; children: React.ReactNode[] | undefined }) {
  if (!children?.length) return null;
  return (
    <>
      <dt className="font-medium">{term}</dt>
      <dd>
        <ul className="list-disc pl-5">{children}</ul>
      </dd>
    </>
  );
}

export default async function CredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = await requireUser(`/wallet/c/${encodeURIComponent(id)}`);
  const c = await credentialFor(user, id);
  if (!c) notFound();
  const sp = await searchParams;
  const src = cardImageSrc({ id: c.id, hasFile: c.file !== null, imageUrl: c.imageUrl });
  const issuer = c.issuerName ?? c.record?.issuer?.name ?? null;
  const url = await shareUrl(c.shareSlug);
  // Issue #11 §2–3: the summary in plain words, and help when the recipient isn't confirmed.
  const trust = presentTrust(c.verification, { issuerName: issuer, issuedOn: c.issuedOn, expires: c.expires });
  const recipientCheck = c.verification?.checks.find((k) => k.id === "recipient");
  const hint = c.record ? recipientHint(c.record.recipient) : { kind: "none" as const };
  const reconcile =
    !!c.record && recipientCheck?.status !== "pass" && (hint.kind === "plain-email" || hint.kind === "hashed-email");
  // Issue #13: achievement type, results, evidence and endorsements (with their checks) in words.
  const achievement = achievementView(detailsOf(c), c.verification);
  const bakedWithAddress =
    !!c.file && isBakedImport(c.origin, c.spec, c.record) && !recipientIsHashed(c.record?.recipient);

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <BackLink href="/wallet">Back to your wallet</BackLink>
      {sp.saved ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          Your changes were saved.
        </p>
      ) : null}

      <div className="flex flex-col gap-6 sm:flex-row">
        {/* eslint-disable-next-line @next/next/no-img-element -- the learner's own file or the issuer's URL, not a build-time asset */}
        <img
          src={src ?? CREDENTIAL_PLACEHOLDER_PATH}
          alt={src ? `Badge image for ${c.title}` : ""}
          className="h-40 w-40 shrink-0 rounded border border-stone-200 bg-white object-contain"
        />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium uppercase tracking-wide text-stone-600">Self-Asserted/Imported</p>
          <h1 className="text-2xl font-bold">{c.title}</h1>
          {c.issuerTitle && c.issuerTitle !== c.title ? (
            <p className="text-sm text-stone-700">Title from the issuer: {c.issuerTitle}</p>
          ) : null}
          {issuer ? <p className="text-stone-700">Issued by {issuer}</p> : null}
          {c.partOf ? (
            <p className="text-stone-700">
              Part of{" "}
              <Link href={`/wallet/r/${c.partOf.id}`} className="font-medium underline">
                {c.partOf.title}
              </Link>
            </p>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-2">
            {c.file ? (
              <a
                href={`/wallet/c/${c.id}/file?download=1`}
                download
                className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800"
              >
                Download
              </a>
            ) : null}
            <Link
              href={`/wallet/c/${c.id}/edit`}
              className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
            >
              Edit
            </Link>
            <DeleteCredential id={c.id} title={c.title} />
          </div>
        </div>
      </div>

      <Section headingId="details-heading" title="Details" className="mt-8">
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Description</dt>
          <dd>{c.description ? <Markdown text={c.description} /> : "None"}</dd>
          <BadgeFacts
            issuerName={issuer}
            issuerUrl={c.issuerUrl}
            issuerEmail={c.record?.issuer?.email}
            issuedOn={c.issuedOn}
            expires={c.expires}
            criteriaNarrative={c.criteriaNarrative}
            criteriaUrl={c.criteriaUrl}
            renderText={(text) => <Markdown text={text} />}
            achievementType={achievement.type}
            results={achievement.results}
            endorsements={achievement.endorsements}
          />
          <FactList term="Evidence">
            {achievement.evidence.map((e, i) => (
              <li key={i}>
                <ExternalLink href={e.id}>{e.name ?? e.narrative ?? e.description ?? e.id ?? "Evidence"}</ExternalLink>
              </li>
            ))}
          </FactList>
          <FactList term="Alignments">
            {c.record?.alignments?.map((a, i) => (
              <li key={i}>
                <ExternalLink href={a.url}>{a.name}</ExternalLink>
                {a.framework ? <span className="text-stone-700"> ({a.framework})</span> : null}
              </li>
            ))}
          </FactList>
          <dt className="font-medium">Format</dt>
          <dd>{c.spec ? (SPEC_WORDS[c.spec] ?? c.spec) : "No badge data"}</dd>
          <dt className="font-medium">Source</dt>
          <dd>
            {c.partOf
              ? "Came in a learner record"
              : c.origin === "upload" && !c.file
                ? "Uploaded file"
                : (ORIGIN_WORDS[c.origin] ?? c.origin)}
            {c.file ? ` (${c.file.mimeType === "image/svg+xml" ? "SVG" : "PNG"}, ${formatBytes(c.file.size)})` : ""}
          </dd>
          {c.externalId ? (
            <>
              <dt className="font-medium">Credential ID</dt>
              <dd className="break-all font-mono text-sm">{c.externalId}</dd>
            </>
          ) : null}
          <dt className="font-medium">Added</dt>
          <dd>{formatDate(c.createdAt)}</dd>
        </dl>
      </Section>

      <Section headingId="skills-heading" title="Skills" className="mt-8">
        <div className="mt-3">
          {c.skills.length ? (
            <SkillChips skills={c.skills} />
          ) : (
            <p className="text-stone-700">No skills yet. Use Edit to add some.</p>
          )}
        </div>
      </Section>

      <Section headingId="verification-heading" title="Verification" className="mt-8">
        <div className="mt-3 flex flex-col gap-4">
          <TrustSummary view={trust} />
          {reconcile ? (
            <div className="rounded border border-amber-700 bg-amber-50 p-3">
              <p className="font-medium">Sash can&apos;t confirm this badge was issued to you yet.</p>
              <p className="mb-2 text-stone-800">
                It was issued to an email address that isn&apos;t one of your verified addresses. Badges are often sent
                to a school or work address.
              </p>
              <RecipientReconcile credentialId={c.id} plainEmail={hint.kind === "plain-email" ? hint.email : null} />
            </div>
          ) : null}
          <VerifyAgain id={c.id} initial={c.verification} expires={c.expires} />
        </div>
      </Section>

      <div className="mt-8">
        <ShareControls credentialId={c.id} shareUrl={url} enabled={c.shareEnabled} indexable={c.shareIndexable} />
      </div>
      {bakedWithAddress ? (
        <div className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
          <DownloadOption credentialId={c.id} initial={c.shareDownloadShowsAddress} />
        </div>
      ) : null}
    </main>
  );
}
