"use client";
import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { Field } from "@/app/components/Field";
import { sameOriginPath } from "@/lib/net/redirect";
import { SubmitButton } from "@/app/components/SubmitButton";
import { LEARNER_WORDING } from "@/lib/errors/wording";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password. Check them and try again.",
  RATE_LIMITED: "Too many sign-in attempts. Please wait 15 minutes and try again.",
  ACCOUNT_DISABLED: LEARNER_WORDING.ACCOUNT_DISABLED,
};

function safeCallback(url: string | undefined): string {
  // The page already resolved it against the public origin; check again where it is used.
  return sameOriginPath(url, window.location.origin);
}

export function SignInForm({ callbackUrl, oidcName }: { callbackUrl?: string; oidcName?: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(fd.get("email") ?? ""),
      password: String(fd.get("password") ?? ""),
      redirect: false,
    });
    if (res?.ok && !res.error) {
      window.location.assign(safeCallback(callbackUrl));
      return;
    }
    setPending(false);
    setError(MESSAGES[res?.error ?? ""] ?? "We couldn't sign you in. Please try again.");
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
          </p>
        ) : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <p className="-mt-2 text-sm">
          <Link href="/forgot-password" className="underline">
            Forgot password?
          </Link>
        </p>
        <SubmitButton disabled={pending}>Sign in</SubmitButton>
      </form>
      {oidcName ? (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl: safeCallback(callbackUrl) })}
          className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
        >
          Sign in with {oidcName}
        </button>
      ) : null}
      <p className="text-sm">
        New to Sash?{" "}
        <Link href="/sign-up" className="underline">
          Create account
        </Link>
      </p>
    </div>
  );
}
