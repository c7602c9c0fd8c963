"use client";
import { useActionState } from "react";
import Link from "next/link";
import { Field } from "@/app/components/Field";
import { SubmitButton } from "@/app/components/SubmitButton";
import { requestResetAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestResetAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {state.data.message}
        </p>
        <p className="text-sm">
          <Link href="/sign-in" className="underline">
            Back to sign in
          </Link>
        </p>
      </div>
    );
  }
  const fieldError = state && !state.ok ? state.fieldErrors?.email : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !fieldError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldError}
        defaultValue={state && !state.ok ? state.values?.email : ""}
      />
      <SubmitButton disabled={pending}>Send reset link</SubmitButton>
      <p className="text-sm">
        Remembered it?{" "}
        <Link href="/sign-in" className="underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
