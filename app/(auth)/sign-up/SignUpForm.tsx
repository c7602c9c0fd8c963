"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { signUpAction } from "../actions";
import { Field } from "@/app/components/Field";
import { SubmitButton } from "@/app/components/SubmitButton";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, null);
  const [signingIn, setSigningIn] = useState(false);
  const passwordRef = useRef("");

  useEffect(() => {
    if (state?.ok) {
      setSigningIn(true); // eslint-disable-line react-hooks/set-state-in-effect -- the action's result starts the sign-in; the flag keeps the button disabled until it redirects
      void signIn("credentials", { email: state.data.email, password: passwordRef.current, redirect: false }).then(
        (res) => {
          window.location.assign(res?.ok ? "/wallet" : "/sign-in");
        },
      );
    }
  }, [state]);

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form
      action={(fd) => {
        passwordRef.current = String(fd.get("password") ?? "");
        return action(fd);
      }}
      className="flex flex-col gap-4"
      noValidate
    >
      {state && !state.ok && !state.fieldErrors ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={values.name}
        error={errors.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={values.email}
        error={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={errors.password}
      />
      <SubmitButton disabled={pending || signingIn}>Create account</SubmitButton>
      <p aria-live="polite" className="text-sm text-stone-600">
        {pending ? "Creating your account…" : signingIn ? "Signing you in…" : ""}
      </p>
      <p className="text-sm">
        Already have an account?{" "}
        <Link href="/sign-in" className="underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
