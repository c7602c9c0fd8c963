"use client";
// The "Email me about my credentials" checkbox and its Save button (issue #21 §3).
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/SubmitButton";
import { setNotificationsAction } from "./notification-actions";

export function NotificationsToggle({ on }: { on: boolean }) {
  const [state, action, pending] = useActionState(setNotificationsAction, null);
  const checked = state?.ok ? state.data.on : on;
  return (
    <form action={action} className="mt-3 flex flex-col gap-3">
      <label className="flex items-start gap-2">
        <input
          key={String(checked)}
          type="checkbox"
          name="notify"
          value="on"
          defaultChecked={checked}
          className="mt-1 h-4 w-4"
        />
        <span>Email me about my credentials</span>
      </label>
      <div>
        <SubmitButton disabled={pending}>Save email setting</SubmitButton>
      </div>
      <div aria-live="polite">
        {state ? (
          state.ok ? (
            <p role="status" className="text-green-900">
              {state.data.message}
            </p>
          ) : (
            <p role="alert" className="text-red-800">
              {state.message}
            </p>
          )
        ) : null}
      </div>
    </form>
  );
}
