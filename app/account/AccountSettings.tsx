// /account's settings (issue #21 §2): primary address, password, sign out everywhere, delete account.
import { Section } from "@/app/components/Section";
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
      <Section headingId="primary-heading" title="Primary address" className="mt-8 max-w-md">
        <p className="mt-1 text-stone-700">You sign in with your primary address, and Sash writes to it.</p>
        <div className="mt-3">
          {s.verified.length ? (
            <PrimaryAddressForm primary={s.primary} verified={s.verified} />
          ) : (
            <p className="text-stone-700">Verify an address to choose it as your primary address.</p>
          )}
        </div>
      </Section>

      <Section headingId="password-heading" title="Password" className="mt-8 max-w-md">
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
      </Section>

      <Section headingId="sessions-heading" title="Devices" className="mt-8 max-w-md">
        <p className="mt-1 text-stone-700">
          Signs you out on every device and browser where you are signed in, this one included.
        </p>
        <div className="mt-3">
          <SignOutEverywhereForm />
        </div>
      </Section>

      <Section headingId="delete-heading" title="Delete account" className="mt-8 max-w-md">
        <p className="mt-1 text-stone-700">Erase your account and everything in it.</p>
        <div className="mt-3">
          <DeleteAccountDialog
            hasPassword={s.hasPassword}
            freshSignIn={s.freshSignIn}
            provider={provider}
            openAtStart={openDelete}
          />
        </div>
      </Section>
    </>
  );
}
