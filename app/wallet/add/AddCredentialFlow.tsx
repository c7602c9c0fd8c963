"use client";
import { CredentialTextFields, useCredentialTextCheck } from "../components/CredentialTextFields";
// /wallet/add: step 1 (image, URL or pasted data) → step 2 (the pre-filled form).
// The server does all reading and checking; this component only moves between steps.
import { useActionState, useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ImportDraft, StageResult } from "@/server/wallet";
import type { DuplicateRef } from "@/lib/wallet/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { ActionResult } from "@/server/actions";
import { importProblem, type ImportProblem } from "@/lib/wallet/messages";
import { discardDraftAction, importTextAction, manualEntryAction, saveDraftAction, verifyDraftAction } from "./actions";
import { SkillsField } from "../components/SkillsField";
import { VerificationChecks, VerificationStatus } from "../components/VerificationStatus";
import { verifiedStatus } from "@/lib/trust/status";
import { BadgeFacts } from "../components/BadgeFacts";
import { Section } from "@/app/components/Section";
import { Field } from "@/app/components/Field";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_SIZE_TEXT } from "@/lib/wallet/rules";
import { SubmitButton } from "@/app/components/SubmitButton";

type Step =
  | { kind: "choose" }
  | { kind: "uploading"; progress: number; phase: "sending" | "reading"; fileName: string }
  | { kind: "problem"; problem: ImportProblem; detail: string }
  | { kind: "duplicate"; existing: DuplicateRef }
  | { kind: "form"; draft: ImportDraft; notice: ImportProblem | null };

type UploadAnswer = ActionResult<StageResult>;

/** What a learner record brings: each nested credential is filed on its own, with its own skills. */
function RecordContents({ summary }: { summary: NonNullable<ImportDraft["learnerRecord"]> }) {
  const n = summary.credentials.length;
  return (
    <section aria-labelledby="record-contents-heading" className="rounded border border-stone-200 bg-white p-3">
      <h3 id="record-contents-heading" className="font-semibold">
        In this record
      </h3>
      <p className="text-sm text-stone-700">
        {summary.achievementCount} achievement{summary.achievementCount === 1 ? "" : "s"}
        {summary.withoutCredential ? ` (${summary.withoutCredential} without a credential)` : ""}. Each of its {n}{" "}
        credential{n === 1 ? "" : "s"} is also added to your wallet on its own, with its own skills and share link.
      </p>
      {n ? (
        <ul className="mt-2 list-disc pl-5">
          {summary.credentials.map((c, i) => (
            <li key={i}>
              {c.title}
              {c.issuerName ? <span className="text-stone-700"> · {c.issuerName}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function uploadFile(file: File, onProgress: (percent: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/wallet/add/upload");
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as UploadAnswer);
      } catch {
        const code = xhr.status === 413 ? "PAYLOAD_TOO_LARGE" : xhr.status === 401 ? "UNAUTHENTICATED" : "INTERNAL";
        resolve({ ok: false, code, message: importProblem(code).message });
      }
    };
    xhr.onerror = () => resolve({ ok: false, code: "UPLOAD_FAILED", message: importProblem("UPLOAD_FAILED").message });
    xhr.onabort = xhr.onerror;
    xhr.send(file);
  });
}

const SECONDARY_BUTTON =
  "rounded border border-stone-400 bg-white px-3 py-2 font-medium hover:bg-stone-100 disabled:opacity-60";

/** A text form's submit handler: passes the named field on when it isn't blank (the browser stays on the page). */
function onTextSubmit(field: string, use: (value: string) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = new FormData(e.currentTarget).get(field);
    if (typeof v === "string" && v.trim()) use(v);
  };
}

/** Where the wallet's copy of a duplicate lives: a learner record's page or a credential's. */
function duplicateHref(d: DuplicateRef): string {
  return d.kind === "record" ? `/wallet/r/${d.id}` : `/wallet/c/${d.id}`;
}

function fd(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

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
    if (!answer.ok) {
      setStep({ kind: "problem", problem: importProblem(answer.code), detail: answer.message });
      return;
    }
    const r = answer.data;
    if (r.kind === "duplicate") setStep({ kind: "duplicate", existing: r.existing });
    else
      setStep({
        kind: "form",
        draft: r.draft,
        notice: r.draft.mode === "manual" && r.draft.hasImage ? importProblem("NO_BADGE_DATA") : null,
      });
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

function UploadStep({
  step,
  busy,
  onFile,
}: {
  step: Step;
  busy: boolean;
  onFile: (f: File | null | undefined) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  // Paste an image anywhere on the page (outside text fields).
  useEffect(() => {
    function onPaste(e: ClipboardEvent) {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "file"))
      )
        return;
      const file = e.clipboardData?.files?.[0];
      if (file) {
        e.preventDefault();
        onFile(file);
      }
    }
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [onFile]);

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    onFile(e.dataTransfer.files?.[0]);
  }

  return (
    <Section
      headingId="upload-heading"
      title="Upload a file"
      className="flex flex-col gap-2"
      headingClassName="text-lg font-semibold"
    >
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col gap-2 rounded-lg border-2 border-dashed p-4 ${dragging ? "border-sash-700 bg-sash-50" : "border-stone-400 bg-white"}`}
      >
        <label htmlFor="badge-image" className="font-medium">
          Badge image
        </label>
        <p id="badge-image-hint" className="text-sm text-stone-600">
          PNG or SVG badge image, or a credential or learner record (CLR) as a .json or .jwt file, up to{" "}
          {MAX_UPLOAD_SIZE_TEXT}. Choose the file, drag and drop it here, or paste it.
        </p>
        <input
          ref={inputRef}
          id="badge-image"
          name="badge"
          type="file"
          accept="image/png,image/svg+xml,.png,.svg,application/json,.json,.jwt"
          aria-describedby="badge-image-hint"
          disabled={busy}
          onChange={(e) => {
            onFile(e.target.files?.[0]);
            e.target.value = "";
          }}
          className="max-w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-sash-700 file:px-3 file:py-2 file:font-medium file:text-white"
        />
      </div>
      <div aria-live="polite" className="min-h-6">
        {step.kind === "uploading" ? (
          <div className="flex flex-col gap-1">
            <progress max={100} value={step.progress} aria-label="Upload progress" className="h-2 w-full" />
            <p className="text-sm">
              {step.phase === "sending" ? `Uploading… ${step.progress}%` : "Reading the badge…"}
            </p>
          </div>
        ) : null}
      </div>
    </Section>
  );
}

function DraftForm({
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
