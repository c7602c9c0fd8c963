"use client";
// The consent page's "Allow" and "Deny" (issue #22 §1): one form, the button pressed names the answer. The action sends
// the browser back to the application (a navigation by the page's script, so the strict CSP form-action 'self' never
// blocks the hop to the application's origin).
import { useActionState } from "react";
import { answerAuthorizationAction } from "./actions";

export function Consent({ request, clientName }: { request: Record<string, string>; clientName: string }) {
  const [state, action, pending] = useActionState(answerAuthorizationAction, null);
  return (
    <form action={action} className="mt-6">
      {Object.entries(request).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="decision"
          value="allow"
          disabled={pending}
          className="min-h-11 rounded bg-sash-700 px-5 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60"
        >
          Allow
        </button>
        <button
          type="submit"
          name="decision"
          value="deny"
          disabled={pending}
          className="min-h-11 rounded border border-stone-400 bg-white px-5 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
        >
          Deny
        </button>
      </div>
      <p className="mt-2 text-sm text-stone-700">&quot;Allow&quot; lets {clientName} do what is listed above.</p>
      <div aria-live="polite">
        {state && !state.ok ? (
          <p role="alert" className="mt-3 text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
