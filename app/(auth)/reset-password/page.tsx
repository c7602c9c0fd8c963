import type { Metadata } from "next";
import Link from "next/link";
import { previewReset } from "@/server/account";
import { LEARNER_WORDING } from "@/lib/errors";
import { ResetPasswordForm } from "./ResetPasswordForm";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const token = typeof sp.token === "string" ? sp.token : "";
  // Opening the link changes nothing: the link is used by "Set password" (a POST).
  const link = await previewReset(token);
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-6 text-2xl font-bold">Set a new password</h1>
      {link.ok ? (
        <>
          <p className="mb-4 text-stone-700">
            Choose a new password. When it is set, every device signed in to your account is signed out.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <div className="flex flex-col gap-3">
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900">{LEARNER_WORDING[link.code]}</p>
          <p>
            <Link href="/forgot-password" className="underline">
              Ask for a new link
            </Link>
          </p>
        </div>
      )}
    </main>
  );
}
