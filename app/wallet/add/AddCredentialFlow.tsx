"use client";

// /wallet/add: step 1 (image, URL or pasted data) → step 2 (the pre-filled form).
// The server does all reading and checking; this component only moves between steps.
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { importProblem } from "@/lib/wallet/messages";
import { discardDraftAction, importTextAction, manualEntryAction } from "./actions";
import { Section } from "@/app/components/Section";
import { Field } from "@/app/components/Field";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import { stepAfter, type Step, type UploadAnswer } from "./flow-state";
import { uploadFile } from "./upload";
import { SECONDARY_BUTTON, duplicateHref, fd, onTextSubmit } from "./helpers";
import { UploadStep } from "./UploadStep";
import { DraftForm } from "./DraftForm";

export function AddCredentialFlow() {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the new step's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    if (step.kind !== "choose" && step.kind !== "uploading") headingRef.current?.focus();
  }, [step.kind]);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  function showResult(answer: UploadAnswer) {
    setStep(stepAfter(answer));
  }

  async function handleFile(file: File | null | undefined) {
    if (!file || busy) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setStep({ kind: "problem", problem: importProblem("PAYLOAD_TOO_LARGE"), detail: "" });
      return;
    }
    setBusy(true);
    setPreview(URL.createObjectURL(file));
    setStep({ kind: "uploading", progress: 0, phase: "sending", fileName: file.name });
    const answer = await uploadFile(file, (progress) =>
      setStep({ kind: "uploading", progress, phase: progress >= 100 ? "reading" : "sending", fileName: file.name }),
    );
    setBusy(false);
    showResult(answer);
  }

  async function handleText(payload: string) {
    if (busy) return;
    setBusy(true);
    setPreview(null);
    const answer = await importTextAction(null, fd({ payload }));
    setBusy(false);
    showResult(answer);
  }

  async function startManual(keepImage: boolean) {
    if (busy) return;
    setBusy(true);
    if (!keepImage) setPreview(null);
    const answer = await manualEntryAction(null, new FormData());
    setBusy(false);
    if (answer.ok) setStep({ kind: "form", draft: answer.data, notice: null });
    else setStep({ kind: "problem", problem: importProblem(answer.code), detail: answer.message });
  }

  function restart() {
    if (step.kind === "form") void discardDraftAction(null, fd({ uploadId: step.draft.uploadId }));
    setPreview(null);
    setStep({ kind: "choose" });
  }

  if (step.kind === "form") {
    return (
      <DraftForm
        key={step.draft.uploadId}
        draft={step.draft}
        notice={step.notice}
        preview={preview}
        headingRef={headingRef}
        onCancel={restart}
      />
    );
  }

  return (
    <div className="flex flex-col gap-8">
      {step.kind === "problem" ? (
        <section aria-labelledby="problem-heading" className="rounded border-2 border-red-700 bg-red-50 p-4">
          <h2 id="problem-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-red-900">
            {step.problem.heading}
          </h2>
          <p className="mt-1">{step.problem.message}</p>
          {step.detail && step.detail !== step.problem.message ? (
            <p className="mt-1 text-sm text-stone-700">{step.detail}</p>
          ) : null}
          <p className="mt-2 font-medium">{step.problem.next}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => setStep({ kind: "choose" })}
              className="rounded bg-sash-700 px-3 py-2 font-medium text-white hover:bg-sash-800"
            >
              Try another file
            </button>
            {step.problem.code === "UNAUTHENTICATED" ? (
              <Link
                href="/sign-in?callbackUrl=%2Fwallet%2Fadd"
                className="rounded border border-stone-400 bg-white px-3 py-2"
              >
                Sign in
              </Link>
            ) : null}
            {step.problem.offerManual ? (
              <button
                type="button"
                onClick={() => startManual(false)}
                className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100"
              >
                Enter details yourself
              </button>
            ) : null}
          </div>
        </section>
      ) : null}

      {step.kind === "duplicate" ? (
        <section aria-labelledby="dup-heading" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
          <h2 id="dup-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
            Already in your wallet
          </h2>
          <p className="mt-1">
            This {step.existing.kind === "record" ? "learner record" : "credential"} is already in your wallet:{" "}
            <Link href={duplicateHref(step.existing)} className="font-medium underline">
              {step.existing.title}
            </Link>
            .
          </p>
          <button
            type="button"
            onClick={() => setStep({ kind: "choose" })}
            className="mt-3 rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100"
          >
            Add a different credential
          </button>
        </section>
      ) : null}

      <UploadStep step={step} busy={busy} onFile={handleFile} />

      <Section
        headingId="url-heading"
        title="Import by web address"
        className="flex flex-col gap-2"
        headingClassName="text-lg font-semibold"
      >
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={onTextSubmit("url", (v) => void handleText(v.trim()))}
        >
          <div className="min-w-0 flex-1">
            <Field
              label="Badge URL"
              name="url"
              type="url"
              required
              placeholder="https://"
              hint="The web address of a hosted badge (assertion) or a Credly badge."
            />
          </div>
          <button type="submit" disabled={busy} className={SECONDARY_BUTTON}>
            Import from URL
          </button>
        </form>
      </Section>

      <Section
        headingId="paste-heading"
        title="Paste badge data"
        className="flex flex-col gap-2"
        headingClassName="text-lg font-semibold"
      >
        <form className="flex flex-col gap-2" onSubmit={onTextSubmit("payload", (v) => void handleText(v))}>
          <label htmlFor="badge-json" className="font-medium">
            Badge JSON or token
          </label>
          <p id="badge-json-hint" className="text-sm text-stone-600">
            Open Badges 2.0 or 3.0 JSON, a learner record (CLR 2.0), or a signed badge (JWS / JWT).
          </p>
          <textarea
            id="badge-json"
            name="payload"
            rows={5}
            required
            aria-describedby="badge-json-hint"
            className="w-full rounded border border-stone-400 bg-white px-3 py-2 font-mono text-sm"
          />
          <button type="submit" disabled={busy} className={`self-start ${SECONDARY_BUTTON}`}>
            Import pasted data
          </button>
        </form>
      </Section>

      <Section
        headingId="manual-heading"
        title="No badge file?"
        className="flex flex-col gap-2"
        headingClassName="text-lg font-semibold"
      >
        <p>You can type a credential in yourself and pick its skills from the library.</p>
        <button
          type="button"
          disabled={busy}
          onClick={() => startManual(false)}
          className={`self-start ${SECONDARY_BUTTON}`}
        >
          Enter details yourself
        </button>
      </Section>
    </div>
  );
}
