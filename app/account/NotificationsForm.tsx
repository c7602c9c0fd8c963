// /account's "Emails about your credentials" section (issue #21 §3), one component the page inserts.
import { credentialMailSetting } from "@/server/reverify";
import type { SessionUser } from "@/server/auth";
import { NotificationsToggle } from "./NotificationsToggle";

export async function NotificationsForm({ user }: { user: SessionUser }) {
  const on = await credentialMailSetting(user);
  return (
    <section aria-labelledby="notifications-heading" className="mt-8">
      <h2 id="notifications-heading" className="text-xl font-semibold">
        Emails about your credentials
      </h2>
      <p className="mt-1 text-stone-700">
        Sash checks your credentials again every day. When one is revoked, expires, or will expire soon, it can email
        you one message listing them — at most one a day, at your account address.
      </p>
      <NotificationsToggle on={on} />
    </section>
  );
}
