"use client";
// The forms of /account: add an address, and resend / remove for each one.
import { useActionState, type ReactNode } from "react";
import { Field } from "@/app/components/Field";
import { addEmailAction, removeEmailAction, resendEmailAction } from "./actions";
import { SubmitButton } from "@/app/components/SubmitButton";

function Result({
  state,
}: {
  state:
    | { ok: true; data: { message: string } }
    | { ok: false; message: string; fieldErrors?: Record<string, string> }
    | null;
}) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-green-900">
      {state.data.message}
    </p>
  ) : (
    <p role="alert" className="text-red-800">
      {state.fieldErrors?.email ?? state.fieldErrors?.id ?? state.message}
    </p>
  );
}

export function AddEmailForm() {
  const [state, action, pending] = useActionState(addEmailAction, null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <Field
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state && !state.ok ? state.values?.email : ""}
      />
      <div>
        <SubmitButton disabled={pending}>Add email</SubmitButton>
      </div>
      <div aria-live="polite">
        <Result state={state} />
      </div>
    </form>
  );
}

/** One address's small action (resend, remove): a form posting the address id. */
function AddressButton(props: {
  action: (formData: FormData) => void;
  id: string;
  busy: boolean;
  label: string;
  tone: string;
  children: ReactNode;
}) {
  return (
    <form action={props.action}>
      <input type="hidden" name="id" value={props.id} />
      <button
        type="submit"
        disabled={props.busy}
        aria-label={props.label}
        className={`rounded border bg-white px-3 py-1 text-sm font-medium disabled:opacity-60 ${props.tone}`}
      >
        {props.children}
      </button>
    </form>
  );
}

export function AddressActions({
  id,
  email,
  verified,
  signIn,
}: {
  id: string;
  email: string;
  verified: boolean;
  signIn: boolean;
}) {
  const [resent, resend, resending] = useActionState(resendEmailAction, null);
  const [removed, remove, removing] = useActionState(removeEmailAction, null);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        {!verified ? (
          <AddressButton
            action={resend}
            id={id}
            busy={resending}
            label={`Resend link to ${email}`}
            tone="border-stone-400 hover:bg-stone-100"
          >
            Resend link
          </AddressButton>
        ) : null}
        {!signIn ? (
          <AddressButton
            action={remove}
            id={id}
            busy={removing}
            label={`Remove ${email}`}
            tone="border-red-700 text-red-800 hover:bg-red-50"
          >
            Remove
          </AddressButton>
        ) : null}
      </div>
      <div aria-live="polite" className="text-sm">
        <Result state={resent} />
        <Result state={removed} />
      </div>
    </div>
  );
}
