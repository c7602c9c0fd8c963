"use client";
// /jobs/check: one form for a posting's address or text, then what Sash recognised (a checkbox
// per skill, so the learner can untick mistakes and re-score without fetching again) and the fit.
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Field } from "@/app/components/Field";
import { Section } from "@/app/components/Section";
import { SubmitButton } from "@/app/components/SubmitButton";
import { FitMeter } from "../FitMeter";
import { MatchedSkills } from "../MatchedSkills";
import { Recommendations } from "../Recommendations";
import { checkPostingAction, rescorePostingAction, type CheckResult } from "./actions";

type Fit = CheckResult["fit"];

/** Runs a form's action without React's reset of the form, so what the learner typed or ticked stays. */
function submitWith(dispatch: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  };
}

export function CheckPosting() {
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const [checked, checkAction, checking] = useActionState(checkPostingAction, null);
  const [rescored, rescoreAction, rescoring] = useActionState(rescorePostingAction, null);
  const result = checked?.ok ? checked.data : null;
  const current = rescored?.ok && result && rescored.data.checkId === result.checkId ? rescored.data.fit : result?.fit;
  const failure = checked && !checked.ok ? checked : null;

  return (
    <>
      <form onSubmit={submitWith(checkAction)} className="mt-6 flex max-w-3xl flex-col gap-4" aria-label="Posting">
        <Field
          label="The posting's web address"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://"
          hint="A job board or employer page. If you give both, the address is used."
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={failure?.fieldErrors?.url}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="posting-text" className="font-medium">
            Or paste the posting&apos;s text
          </label>
          <textarea
            id="posting-text"
            name="text"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={failure?.fieldErrors?.text ? true : undefined}
            aria-describedby={failure?.fieldErrors?.text ? "posting-text-error" : undefined}
            className="w-full rounded border border-stone-400 bg-white px-3 py-2 aria-invalid:border-red-700"
          />
          {failure?.fieldErrors?.text ? (
            <p id="posting-text-error" className="text-sm text-red-800">
              {failure.fieldErrors.text}
            </p>
          ) : null}
        </div>
        <div>
          <SubmitButton disabled={checking}>{checking ? "Checking…" : "Check my fit"}</SubmitButton>
        </div>
        <div aria-live="polite">
          {failure && !failure.fieldErrors ? (
            <p role="alert" className="text-red-800">
              {failure.message}
            </p>
          ) : null}
        </div>
      </form>

      {result && current ? (
        <CheckedPosting
          key={result.checkId}
          result={result}
          fit={current}
          onRescore={submitWith(rescoreAction)}
          rescoring={rescoring}
          rescoreError={rescored && !rescored.ok ? rescored.message : null}
        />
      ) : null}
    </>
  );
}

function CheckedPosting({
  result,
  fit,
  onRescore,
  rescoring,
  rescoreError,
}: {
  result: CheckResult;
  fit: Fit;
  onRescore: (e: FormEvent<HTMLFormElement>) => void;
  rescoring: boolean;
  rescoreError: string | null;
}) {
  const { posting } = result;
  const [kept, setKept] = useState(() => posting.skills.map(() => true));
  const keptCount = kept.filter(Boolean).length;
  return (
    <div className="mt-10">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 className="text-xl font-bold break-words">{posting.title || "This posting"}</h2>
          {posting.employer ? <p className="text-stone-700">{posting.employer}</p> : null}
          <p className="mt-1 text-sm text-stone-600">
            {posting.from === "json-ld"
              ? "Skills from the posting's own list (its schema.org JobPosting data)."
              : "Skills Sash recognised in the posting's words."}
          </p>
          {posting.url ? (
            <p className="mt-1 break-all">
              <a href={posting.url} className="underline" rel="noopener noreferrer nofollow">
                Open the posting<span className="sr-only"> (opens the job site)</span>
              </a>
            </p>
          ) : null}
        </div>
        <div className="shrink-0 sm:w-56" aria-live="polite">
          <FitMeter
            fit={fit.fit}
            matched={fit.matched.length}
            required={fit.requiredCount}
            verifiedFit={fit.verifiedFit}
          />
        </div>
      </div>
      {posting.notes.length ? (
        <ul className="mt-3 space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {posting.notes.map((n) => (
            <li key={n.code}>{n.message}</li>
          ))}
        </ul>
      ) : null}

      {posting.skills.length ? (
        <form onSubmit={onRescore} className="mt-6 rounded border border-stone-200 bg-white p-4">
          <input type="hidden" name="checkId" value={result.checkId} />
          <fieldset>
            <legend className="text-lg font-semibold">Skills recognised ({posting.skills.length})</legend>
            <p className="text-sm text-stone-600">Untick any Sash got wrong, then update the fit.</p>
            <ul className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
              {posting.skills.map((s, i) => (
                <li key={s.key}>
                  <input type="hidden" name="key" value={s.key} />
                  <input type="hidden" name="name" value={s.name} />
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      name="keep"
                      value={i}
                      checked={kept[i]}
                      onChange={(e) => setKept((k) => k.map((v, j) => (j === i ? e.target.checked : v)))}
                      className="mt-1 size-4"
                    />
                    <span>
                      {s.name}
                      {s.written && s.written.toLowerCase() !== s.name.toLowerCase() ? (
                        <span className="text-sm text-stone-600"> (“{s.written}”)</span>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <SubmitButton disabled={rescoring}>{rescoring ? "Updating…" : "Update fit"}</SubmitButton>
            <span className="text-sm text-stone-700">
              {keptCount} of {posting.skills.length} skills ticked
            </span>
          </div>
          {rescoreError ? (
            <p role="alert" className="mt-2 text-red-800">
              {rescoreError}
            </p>
          ) : null}
        </form>
      ) : null}

      <FitDetails fit={fit} />
    </div>
  );
}

const CARD = "rounded border border-stone-200 bg-white p-4";

function FitDetails({ fit }: { fit: Fit }) {
  return (
    <>
      <div className="mt-8 grid grid-cols-1 gap-6 md:grid-cols-2">
        <Section
          headingId="check-have"
          title={<>Skills you have ({fit.matched.length})</>}
          className={CARD}
          headingClassName="text-lg font-semibold"
        >
          <MatchedSkills matched={fit.matched} />
        </Section>
        <Section
          headingId="check-missing"
          title={<>Skills to gain ({fit.missing.length})</>}
          className={CARD}
          headingClassName="text-lg font-semibold"
        >
          {fit.missing.length === 0 ? (
            <p className="mt-2 text-stone-700">
              {fit.requiredCount ? "You have every skill this posting asks for." : "No skills to match."}
            </p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-2">
              {fit.missing.map((s) => (
                <li key={s.key} className="rounded border border-stone-300 bg-stone-50 px-2 py-1 text-sm">
                  {s.name}
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      <Section headingId="check-gap" title="Close the gap" className="mt-8">
        {fit.recommendations.length === 0 ? (
          <p className="mt-2 text-stone-700">
            {fit.missing.length
              ? "No course in the catalogue teaches the missing skills yet."
              : "Nothing to close: you meet every requirement."}
          </p>
        ) : (
          <Recommendations items={fit.recommendations} />
        )}
      </Section>
    </>
  );
}
