"use client";
// One connected application's "Disconnect" button (issue #22 §1).
import { useActionState } from "react";
import { disconnectAppAction } from "./connected-actions";

export function DisconnectApp({ clientId, name }: { clientId: string; name: string }) {
  const [state, action, pending] = useActionState(disconnectAppAction, null);
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="clientId" value={clientId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Disconnect ${name}`}
        className="min-h-11 rounded border border-red-700 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Disconnect
      </button>
      <div aria-live="polite">
        {state ? (
          state.ok ? (
            <p role="status" className="mt-2 text-green-900">
              {state.data.message}
            </p>
          ) : (
            <p role="alert" className="mt-2 text-red-800">
              {state.message}
            </p>
          )
        ) : null}
      </div>
    </form>
  );
}
