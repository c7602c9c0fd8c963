import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser, oidcEnabled, OidcLinkRefusedError } from "@/server/auth";
import { publicOrigin } from "@/server/request";
import { config } from "@/server/config";
import { sameOriginPath } from "@/lib/net/redirect";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

/** Where account settings and password recovery send the learner afterwards (issue #21 §1-2). */
const NOTICES: Record<string, string> = {
  "password-set": "Your new password is set, and every device was signed out. Sign in with the new password.",
  "signed-out-everywhere": "You are signed out on every device, this one included.",
  "account-deleted": "Your account and everything in it have been deleted. We sent a confirmation by email.",
  "account-deleted-unmailed": "Your account and everything in it have been deleted.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string }>;
}) {
  const { callbackUrl, error, notice } = await searchParams;
  if (await getCurrentUser()) redirect("/wallet");
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-6 text-2xl font-bold">Sign in to Sash</h1>
      {notice && Object.hasOwn(NOTICES, notice) ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          {NOTICES[notice]}
        </p>
      ) : null}
      {error === "OIDC_LINK_REFUSED" ? (
        <p className="mb-4 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
          {new OidcLinkRefusedError().message}
        </p>
      ) : null}
      <SignInForm
        callbackUrl={sameOriginPath(callbackUrl, publicOrigin())}
        oidcName={oidcEnabled() ? config().AUTH_OIDC_NAME : null}
      />
    </main>
  );
}
