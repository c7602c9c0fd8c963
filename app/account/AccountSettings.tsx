// /account's settings (issue #21 §2): primary address, password, sign out everywhere, delete account.
import { accountSettingsFor } from "@/server/account";
import type { SessionUser } from "@/server/auth";
import { ChangePasswordForm, PrimaryAddressForm, SignOutEverywhereForm } from "./SettingsForms";
import { DeleteAccountDialog } from "./DeleteAccountDialog";

export async function AccountSettings({
  user,
  provider,
  openDelete,
}: {
  user: SessionUser;
  /** The single sign-on provider's name, when single sign-on is on. */
  provider: string | null;
  openDelete: boolean;
}) {
  const s = await accountSettingsFor(user);
  return (
    <>
      <section aria-labelledby="primary-heading" className="mt-8 max-w-md">
        <h2 id="primary-heading" className="text-xl font-semibold">
          Primary address
        </h2>
        <p className="mt-1 text-stone-700">You sign in with your primary address, and Sash writes to it.</p>
        <div className="mt-3">
          {s.verified.length ? (
            <PrimaryAddressForm primary={s.primary} verified={s.verified} />
          ) : (
            <p className="text-stone-700">Verify an address to choose it as your primary address.</p>
          )}
        </div>
      </section>

      <section aria-labelledby="password-heading" className="mt-8 max-w-md">
        <h2 id="password-heading" className="text-xl font-semibold">
          Password
        </h2>
        <div className="mt-3">
          {s.hasPassword ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-stone-700">
              This account signs in with single sign-on and has no password. To set one, sign out and use “Forgot
              password?” on the sign-in page with a verified address.
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="sessions-heading" className="mt-8 max-w-md">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Devices
        </h2>
        <p className="mt-1 text-stone-700">
          Signs you out on every device and browser where you are signed in, this one included.
        </p>
        <div className="mt-3">
          <SignOutEverywhereForm />
        </div>
      </section>

      <section aria-labelledby="delete-heading" className="mt-8 max-w-md">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete account
        </h2>
        <p className="mt-1 text-stone-700">Erase your account and everything in it.</p>
        <div className="mt-3">
          <DeleteAccountDialog
            hasPassword={s.hasPassword}
            freshSignIn={s.freshSignIn}
            provider={provider}
            openAtStart={openDelete}
          />
        </div>
      </section>
    </>
  );
}
