"use client";

// /wallet/receive: offer → who offers what (and the transaction code, when asked) → the same
// pre-filled form as /wallet/add (DraftForm), or the issuer's sign-in for the authorization code flow.
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import type { OfferPreview } from "@/server/oid4vci";
import type { ImportDraft } from "@/server/wallet";
import { Field } from "@/app/components/Field";
import { DraftForm } from "../add/DraftForm";
import { stepAfter } from "../add/flow-state";
import { SECONDARY_BUTTON, duplicateHref, fd } from "../add/helpers";
import { discardDraftAction } from "../add/actions";
import { previewOfferAction, receiveOfferAction } from "./actions";

type Problem = { code: string; message: string };
type State =
  | { kind: "enter"; problem: Problem | null }
  | { kind: "preview"; offer: string; preview: OfferPreview; problem: Problem | null }
  | { kind: "form"; draft: ImportDraft }
  | { kind: "duplicate"; href: string; title: string };

const PRIMARY = "rounded bg-sash-700 px-3 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60";

export function ReceiveFlow({
  initialOffer,
  initialDraft,
  initialProblem,
}: {
  initialOffer: string;
  initialDraft: ImportDraft | null;
  initialProblem: Problem | null;
}) {
  const [state, setState] = useState<State>(
    initialDraft ? { kind: "form", draft: initialDraft } : { kind: "enter", problem: initialProblem },
  );
  const [offer, setOffer] = useState(initialOffer);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.kind !== "enter" || state.problem) headingRef.current?.focus();
  }, [state]);

  async function read(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy || !offer.trim()) return;
    setBusy(true);
    const answer = await previewOfferAction(null, fd({ offer }));
    setBusy(false);
    if (answer.ok) setState({ kind: "preview", offer, preview: answer.data, problem: null });
    else setState({ kind: "enter", problem: { code: answer.code, message: answer.message } });
  }

  async function accept(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy || state.kind !== "preview") return;
    const txCode = new FormData(e.currentTarget).get("txCode");
    setBusy(true);
    const answer = await receiveOfferAction(
      null,
      fd({ offer: state.offer, ...(typeof txCode === "string" ? { txCode } : {}) }),
    );
    if (!answer.ok) {
      setBusy(false);
      setState({ ...state, problem: { code: answer.code, message: answer.message } });
      return;
    }
    const outcome = answer.data;
    if (outcome.kind === "redirect") {
      window.location.assign(outcome.location);
      return;
    }
    setBusy(false);
    const next = stepAfter({ ok: true, data: outcome.result });
    if (next.kind === "form") setState({ kind: "form", draft: next.draft });
    else if (next.kind === "duplicate")
      setState({ kind: "duplicate", href: duplicateHref(next.existing), title: next.existing.title });
  }

  function restart() {
    if (state.kind === "form") void discardDraftAction(null, fd({ uploadId: state.draft.uploadId }));
    setState({ kind: "enter", problem: null });
  }

  if (state.kind === "form") {
    return (
      <DraftForm
        key={state.draft.uploadId}
        draft={state.draft}
        notice={null}
        preview={null}
        headingRef={headingRef}
        onCancel={restart}
      />
    );
  }

  if (state.kind === "duplicate") {
    return (
      <section aria-labelledby="dup-heading" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
        <h2 id="dup-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
          Already in your wallet
        </h2>
        <p className="mt-1">
          This credential is already in your wallet:{" "}
          <Link href={state.href} className="font-medium underline">
            {state.title}
          </Link>
          .
        </p>
      </section>
    );
  }

  const problem = state.problem;
  return (
    <div className="flex flex-col gap-6">
      {problem ? (
        <section aria-labelledby="problem-heading" className="rounded border-2 border-red-700 bg-red-50 p-4">
          <h2 id="problem-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-red-900">
            Couldn&apos;t receive the credential
          </h2>
          <p className="mt-1">{problem.message}</p>
          <p className="mt-1 text-sm text-stone-700">Code: {problem.code}</p>
        </section>
      ) : null}

      {state.kind === "preview" ? (
        <section aria-labelledby="offer-heading" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="offer-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
            Credential offer
          </h2>
          <dl className="mt-2 grid gap-1">
            <dt className="font-medium">Offered by</dt>
            <dd className="break-all">
              {state.preview.issuerName ? (
                <>
                  {state.preview.issuerName}{" "}
                  <span className="text-sm text-stone-700">(the issuer&apos;s own name for itself, not checked)</span>
                  <br />
                </>
              ) : null}
              <span className="font-mono text-sm">{state.preview.credentialIssuer}</span>
            </dd>
            <dt className="mt-2 font-medium">Credentials offered</dt>
            <dd>
              <ul className="list-disc pl-5">
                {state.preview.credentials.map((c) => (
                  <li key={c.id}>
                    {c.name ?? c.id}{" "}
                    <span className="text-sm text-stone-700">
                      ({c.format}
                      {c.supported ? "" : ", not received by Sash"})
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <p className="mt-2 text-sm text-stone-700">
            {state.preview.flow === "pre-authorized"
              ? "Sash will prove to the issuer that this wallet holds your key (did:key), then check the credential before you save it."
              : "You will sign in at the issuer, then come back here to check the credential before you save it."}
          </p>
          <form className="mt-3 flex flex-col gap-2" onSubmit={accept}>
            {state.preview.txCode ? (
              <Field
                label="Transaction code"
                name="txCode"
                required
                autoComplete="one-time-code"
                inputMode={state.preview.txCode.input_mode === "text" ? "text" : "numeric"}
                maxLength={state.preview.txCode.length}
                hint={
                  state.preview.txCode.description ??
                  `The code the issuer sent you${state.preview.txCode.length ? ` (${state.preview.txCode.length} characters)` : ""}.`
                }
              />
            ) : null}
            <div className="flex flex-wrap gap-2">
              <button type="submit" disabled={busy} className={PRIMARY}>
                {state.preview.flow === "pre-authorized" ? "Accept credential" : "Continue at the issuer"}
              </button>
              <button
                type="button"
                onClick={() => setState({ kind: "enter", problem: null })}
                className={SECONDARY_BUTTON}
              >
                Cancel
              </button>
            </div>
          </form>
        </section>
      ) : (
        <form className="flex flex-col gap-2" onSubmit={read}>
          <label htmlFor="credential-offer" className="font-medium">
            Credential offer
          </label>
          <p id="credential-offer-hint" className="text-sm text-stone-600">
            An openid-credential-offer:// link, or the web address that carries the offer.
          </p>
          <textarea
            id="credential-offer"
            name="offer"
            rows={3}
            required
            value={offer}
            onChange={(e) => setOffer(e.target.value)}
            aria-describedby="credential-offer-hint"
            className="w-full rounded border border-stone-400 bg-white px-3 py-2 font-mono text-sm"
          />
          <button type="submit" disabled={busy} className={`self-start ${PRIMARY}`}>
            Receive
          </button>
        </form>
      )}
    </div>
  );
}
