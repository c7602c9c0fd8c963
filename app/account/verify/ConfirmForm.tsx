"use client";
// The Confirm button of the confirmation-link page: a POST through a server action.
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/SubmitButton";
import { confirmEmailAction } from "../actions";

export function ConfirmForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmEmailAction, null);
  return (
    <form action={action} className="mt-4 flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton disabled={pending}>Confirm address</SubmitButton>
      </div>
      <div aria-live="polite">
        {state && !state.ok ? (
          <p role="alert" className="text-red-800" data-code={state.code}>
            {state.message} <span className="text-sm">(code {state.code})</span>
          </p>
        ) : null}
      </div>
    </form>
  );
}
