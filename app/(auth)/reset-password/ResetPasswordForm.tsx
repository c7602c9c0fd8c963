"use client";
import { useActionState } from "react";
import Link from "next/link";
import { Field } from "@/app/components/Field";
import { SubmitButton } from "@/app/components/SubmitButton";
import { setPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(setPasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !state.fieldErrors ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{state.message}</p>
          {state.code.startsWith("RESET_LINK") ? (
            <p className="mt-1">
              <Link href="/forgot-password" className="underline">
                Ask for a new link
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
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
      <SubmitButton disabled={pending}>Set password</SubmitButton>
    </form>
  );
}
