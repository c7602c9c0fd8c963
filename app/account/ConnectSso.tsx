"use client";
// "Connect single sign-on" on /account (issue #25 §1): the signed-in learner
// confirms (a POST), then signs in with the provider, which links to this account.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { connectSsoAction } from "./actions";

export function ConnectSso({ provider }: { provider: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function connect() {
    setPending(true);
    setError(null);
    const res = await connectSsoAction(null, new FormData());
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      return;
    }
    await signIn("oidc", { callbackUrl: "/account?linked=1" });
  }
  return (
    <div className="flex flex-col gap-2">
      <div>
        <button
          type="button"
          onClick={connect}
          disabled={pending}
          className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
        >
          Connect single sign-on
        </button>
      </div>
      <p className="text-sm text-stone-700">
        You&apos;ll sign in with {provider}; from then on either way opens this account.
      </p>
      {error ? (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
