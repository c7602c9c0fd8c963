import type { Metadata } from "next";
import { addressesFor, CONFIRM_MESSAGES } from "@/server/account";
import { requireUser, oidcEnabled } from "@/server/auth";
import { config } from "@/server/config";
import { AddEmailForm, AddressActions } from "./AddressForms";
import { ConnectSso } from "./ConnectSso";
import { AccountSettings } from "./AccountSettings";
import { NotificationsForm } from "./NotificationsForm";
import { ConnectedApps } from "./ConnectedApps";

export const metadata: Metadata = { title: "Account" };

// An old-style /account?link=CODE: the confirmation link's own wording (CONFIRM_MESSAGES, from lib/errors/wording.ts),
// except WRONG_ACCOUNT, whose usual sentence points at the account named on the link's page, which this page doesn't show.
const LINK_MESSAGES: Record<string, string> = {
  ...CONFIRM_MESSAGES,
  WRONG_ACCOUNT:
    "That confirmation link is for another Sash account, so nothing was changed. Sign in to the account it names to confirm it.",
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/account");
  const sp = await searchParams;
  const addresses = await addressesFor(user);
  const linkError = typeof sp.link === "string" ? (LINK_MESSAGES[sp.link] ?? LINK_MESSAGES.LINK_INVALID) : null;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">Account</h1>
      {sp.verified ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          Your email address is verified. Sash checked your credentials again with it.
        </p>
      ) : null}
      {sp.linked ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          Single sign-on is connected: you can sign in to this account with it.
        </p>
      ) : null}
      {linkError ? (
        <p role="status" className="mt-4 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
          {linkError}
        </p>
      ) : null}

      <section aria-labelledby="emails-heading" className="mt-6">
        <h2 id="emails-heading" className="text-xl font-semibold">
          Your addresses
        </h2>
        <p className="mt-1 text-stone-700">
          Sash confirms that a badge is yours only when it was issued to one of your verified addresses. Add every
          address your issuers used — a school or work address, for example.
        </p>
        <ul className="mt-4 flex flex-col gap-3" aria-label="Addresses on your account">
          {addresses.map((a) => (
            <li
              key={a.id}
              className="flex flex-wrap items-start justify-between gap-3 rounded border border-stone-200 bg-white p-3"
            >
              <div className="min-w-0">
                <p className="break-all font-medium">{a.email}</p>
                <p className="text-sm">
                  {a.verified ? (
                    <span className="font-medium text-green-800">Verified</span>
                  ) : (
                    <span className="font-medium text-stone-700">Not verified</span>
                  )}
                  {a.signIn ? <span className="text-stone-600"> · the address you sign in with</span> : null}
                </p>
              </div>
              <AddressActions id={a.id} email={a.email} verified={a.verified} signIn={a.signIn} />
            </li>
          ))}
          {addresses.length === 0 ? <li className="text-stone-700">No addresses yet.</li> : null}
        </ul>
      </section>

      <section aria-labelledby="add-heading" className="mt-8 max-w-md">
        <h2 id="add-heading" className="text-xl font-semibold">
          Add an address
        </h2>
        <div className="mt-3">
          <AddEmailForm />
        </div>
      </section>
      {oidcEnabled() ? (
        <section aria-labelledby="sso-heading" className="mt-8 max-w-md">
          <h2 id="sso-heading" className="text-xl font-semibold">
            Single sign-on
          </h2>
          <p className="mt-1 text-stone-700">
            Single sign-on opens an existing account only after you connect it here, signed in.
          </p>
          <div className="mt-3">
            <ConnectSso provider={config().AUTH_OIDC_NAME} />
          </div>
        </section>
      ) : null}
      <NotificationsForm user={user} />
      <ConnectedApps user={user} />
      <AccountSettings
        user={user}
        provider={oidcEnabled() ? config().AUTH_OIDC_NAME : null}
        openDelete={sp.delete === "1"}
      />
    </main>
  );
}
