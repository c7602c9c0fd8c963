// The page a confirmation mail links to (issue #25 §1). Opening it — a GET, as a
// mail scanner would — changes nothing: it says which account asked to add the
// address, and only the learner signed in to that account confirms it, with the
// button (a POST). Signed out: sign in first and come back here.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/server/auth";
import { CONFIRM_MESSAGES, previewLink } from "@/server/account";
import { ConfirmForm } from "./ConfirmForm";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Confirm your email address",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function ConfirmAddressPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const token = typeof sp.token === "string" ? sp.token : "";
  const [preview, user] = await Promise.all([previewLink(token), getCurrentUser()]);
  const here = `/account/verify?token=${encodeURIComponent(token)}`;
  return (
    <main className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-2xl font-bold">Confirm your email address</h1>
      {!preview.ok ? (
        <>
          <p role="status" className="mt-4 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
            {preview.message} <span className="text-sm">(code {preview.code})</span>
          </p>
          <p className="mt-4">
            <Link href="/account" className="underline">
              Go to your account page
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-4">
            The Sash account <strong className="break-all">{preview.account.email}</strong> (name:{" "}
            <span className="break-words">{preview.account.name}</span>) asked to add{" "}
            <strong className="break-all">{preview.email}</strong>.
          </p>
          <p className="mt-2 text-stone-700">
            Confirm only if that account is yours. If it isn&apos;t, leave this page: nothing changes unless you
            confirm.
          </p>
          {!user ? (
            <p className="mt-4">
              <Link
                href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
                className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800"
              >
                Sign in to confirm
              </Link>
            </p>
          ) : user.id !== preview.userId ? (
            <p
              role="alert"
              data-code="WRONG_ACCOUNT"
              className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900"
            >
              You&apos;re signed in as <span className="break-all">{user.email}</span>. {CONFIRM_MESSAGES.WRONG_ACCOUNT}{" "}
              <span className="text-sm">(code WRONG_ACCOUNT)</span>
            </p>
          ) : (
            <ConfirmForm token={token} />
          )}
        </>
      )}
    </main>
  );
}
