"use client";
// /account's settings forms (issue #21 §2): primary address, password, sign out everywhere.
import { useActionState, useEffect } from "react";
import { signOut } from "next-auth/react";
import { Field } from "@/app/components/Field";
import { SubmitButton } from "@/app/components/SubmitButton";
import { changePasswordAction, choosePrimaryAction, signOutEverywhereAction } from "./settings-actions";

type State =
  { ok: true; data: { message: string } } | { ok: false; message: string; fieldErrors?: Record<string, string> } | null;

function Outcome({ state, fields = [] }: { state: State; fields?: string[] }) {
  if (!state) return null;
  if (state.ok)
    return (
      <p role="status" className="text-green-900">
        {state.data.message}
      </p>
    );
  // A failure shown beside its field isn't repeated here.
  if (state.fieldErrors && fields.some((f) => state.fieldErrors?.[f])) return null;
  return (
    <p role="alert" className="text-red-800">
      {state.message}
    </p>
  );
}

export function PrimaryAddressForm({ primary, verified }: { primary: string; verified: string[] }) {
  const [state, action, pending] = useActionState(choosePrimaryAction, null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Primary address</legend>
        {verified.map((email) => (
          <label key={email} className="flex items-center gap-2 break-all">
            <input
              type="radio"
              name="email"
              value={email}
              defaultChecked={email.toLowerCase() === primary.toLowerCase()}
            />
            {email}
          </label>
        ))}
      </fieldset>
      <div>
        <SubmitButton disabled={pending}>Save primary address</SubmitButton>
      </div>
      <div aria-live="polite">
        <Outcome state={state} />
      </div>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <Field
        label="Current password"
        name="current"
        type="password"
        autoComplete="current-password"
        required
        error={errors.current}
      />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={errors.password}
      />
      <Field
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
      <div>
        <SubmitButton disabled={pending}>Change password</SubmitButton>
      </div>
      <div aria-live="polite">
        <Outcome state={state} fields={["current", "password", "confirm"]} />
      </div>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, action, pending] = useActionState(signOutEverywhereAction, null);
  useEffect(() => {
    // Every session has ended on the server; this browser's cookie goes too.
    if (state?.ok) void signOut({ callbackUrl: "/sign-in?notice=signed-out-everywhere" });
  }, [state]);
  return (
    <form action={action} className="flex flex-col gap-2">
      <div>
        <button
          type="submit"
          disabled={pending || state?.ok}
          className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
        >
          Sign out everywhere
        </button>
      </div>
      <div aria-live="polite">{state && !state.ok ? <Outcome state={state} /> : null}</div>
    </form>
  );
}
