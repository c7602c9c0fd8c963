"use client";
import { CredentialTextFields, useCredentialTextCheck } from "../components/CredentialTextFields";
// /wallet/add step 2: the pre-filled form — check the credential, edit its text and skills, save it.
import { useActionState, useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ImportDraft } from "@/server/wallet";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { ImportProblem } from "@/lib/wallet/messages";
import { saveDraftAction, verifyDraftAction } from "./actions";
import { SkillsField } from "../components/SkillsField";
import { VerificationChecks, VerificationStatus } from "../components/VerificationStatus";
import { verifiedStatus } from "@/lib/trust/status";
import { BadgeFacts } from "../components/BadgeFacts";
import { SubmitButton } from "@/app/components/SubmitButton";
import { RecordContents } from "./RecordContents";
import { duplicateHref, fd } from "./helpers";

export function DraftForm({
  draft,
  notice,
  preview,
  headingRef,
  onCancel,
}: {
  draft: ImportDraft;
  notice: ImportProblem | null;
  preview: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onCancel: () => void;
}) {
  const [state, formAction, pending] = useActionState(saveDraftAction, null);
  const router = useRouter();
  const savedId = state && state.ok && state.data.kind === "saved" ? state.data.id : null;
  // Saved: the action answers at once and the wallet loads as a client navigation (no server-side redirect).
  useEffect(() => {
    if (savedId) router.push("/wallet");
  }, [savedId, router]);
  const [report, setReport] = useState<VerificationReport | null>(draft.verification);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  // The verification report arrives after the form shows (bounded by the fetcher's 5 s timeout).
  useEffect(() => {
    if (report) return;
    let live = true;
    void verifyDraftAction(null, fd({ uploadId: draft.uploadId })).then((r) => {
      if (!live) return;
      if (r.ok) setReport(r.data);
      else setVerifyError(r.message);
    });
    return () => {
      live = false;
    };
  }, [draft.uploadId, report]);

  const image = preview ?? draft.imageUrl;
  const d = draft.details;
  const check = useCredentialTextCheck();
  const titleError = check.errors.title ?? (state && !state.ok ? state.fieldErrors?.title : undefined);
  const formError = state && !state.ok && !state.fieldErrors?.title ? state.message : null;
  const duplicate = state && state.ok && state.data.kind === "duplicate" ? state.data.existing : null;

  return (
    <div className="flex flex-col gap-6">
      {notice ? (
        <section aria-labelledby="notice-heading" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
          <h2 id="notice-heading" className="text-lg font-semibold">
            {notice.heading}
          </h2>
          <p className="mt-1">{notice.message}</p>
          <p className="mt-2">{notice.next}</p>
        </section>
      ) : null}

      <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        {draft.learnerRecord
          ? "Check the learner record"
          : draft.mode === "badge"
            ? "Check the details"
            : "Enter the details"}
      </h2>

      <div className="flex flex-col gap-6 md:flex-row">
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: preview of the learner's own file (or the badge's image URL); nothing for next/image to optimise
          <img
            src={image}
            alt="The badge image"
            className="h-32 w-32 shrink-0 rounded border border-stone-200 bg-white object-contain"
          />
        ) : null}

        <form action={formAction} onSubmit={check.onSubmit} className="flex min-w-0 flex-1 flex-col gap-4" noValidate>
          <input type="hidden" name="uploadId" value={draft.uploadId} />
          <CredentialTextFields initial={draft} titleError={titleError} rows={4} />
          {draft.learnerRecord ? (
            <RecordContents summary={draft.learnerRecord} />
          ) : (
            <SkillsField initial={draft.skills} />
          )}

          {d ? (
            <section aria-labelledby="from-badge-heading" className="rounded border border-stone-200 bg-white p-3">
              <h3 id="from-badge-heading" className="font-semibold">
                From the badge
              </h3>
              <p className="text-sm text-stone-600">These come from the issuer and can&apos;t be changed.</p>
              <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                <BadgeFacts
                  issuerName={d.issuerName}
                  issuerUrl={d.issuerUrl}
                  issuedOn={d.issuedOn}
                  expires={d.expires}
                  criteriaNarrative={d.criteriaNarrative}
                  criteriaUrl={d.criteriaUrl}
                  achievementType={d.achievementType}
                  results={d.results}
                />
              </dl>
              {d.unresolved.length ? (
                <p className="mt-2 text-sm text-amber-900">
                  Some details live on the issuer&apos;s website and couldn&apos;t be fetched right now, so a few fields
                  may be empty.
                </p>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="verification-heading" className="rounded border border-stone-200 bg-white p-3">
            <h3 id="verification-heading" className="font-semibold">
              Verification
            </h3>
            <div aria-live="polite" className="mt-2 flex flex-col gap-2">
              {report ? (
                <>
                  <VerificationStatus status={verifiedStatus({ report })} />
                  <VerificationChecks report={report} />
                </>
              ) : verifyError ? (
                <p>{verifyError}</p>
              ) : (
                <p>Checking the badge with its issuer…</p>
              )}
            </div>
          </section>

          {formError ? (
            <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
              {formError}
            </p>
          ) : null}
          {duplicate ? (
            <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-2">
              This {duplicate.kind === "record" ? "learner record" : "credential"} is already in your wallet:{" "}
              <Link href={duplicateHref(duplicate)} className="font-medium underline">
                {duplicate.title}
              </Link>
              .
            </p>
          ) : null}

          <div className="flex flex-wrap gap-2">
            <SubmitButton disabled={pending || !!savedId}>{pending || savedId ? "Saving…" : "Submit"}</SubmitButton>
            <button
              type="button"
              onClick={onCancel}
              className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
