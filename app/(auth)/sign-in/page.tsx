import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser, oidcEnabled, OidcLinkRefusedError } from "@/server/auth";
import { publicOrigin } from "@/server/request";
import { config } from "@/server/config";
import { sameOriginPath } from "@/lib/net/redirect";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  if (await getCurrentUser()) redirect("/wallet");
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-6 text-2xl font-bold">Sign in to Sash</h1>
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
