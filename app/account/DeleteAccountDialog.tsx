"use client";
// "Delete account" (issue #21 §2): a modal dialog (the native <dialog>: focus moves into it, Escape closes it, focus
// returns to the button) that offers "Download everything" first, asks for the password — or, for a single sign-on
// account, a sign-in within the last 5 minutes — and ends with "Delete account permanently".
import { useActionState, useEffect, useRef } from "react";
import { signIn, signOut } from "next-auth/react";
import { Field } from "@/app/components/Field";
import { deleteAccountAction } from "./settings-actions";

export function DeleteAccountDialog({
  hasPassword,
  freshSignIn,
  provider,
  openAtStart,
}: {
  hasPassword: boolean;
  /** Single sign-on: whether this session was signed in within the last 5 minutes. */
  freshSignIn: boolean;
  provider: string | null;
  /** Back from a fresh single sign-on: open the dialog again. */
  openAtStart: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [state, action, pending] = useActionState(deleteAccountAction, null);

  useEffect(() => {
    if (openAtStart && !dialog.current?.open) dialog.current?.showModal();
  }, [openAtStart]);
  useEffect(() => {
    if (state?.ok)
      void signOut({
        callbackUrl: `/sign-in?notice=${state.data.mailed ? "account-deleted" : "account-deleted-unmailed"}`,
      });
  }, [state]);

  const error = state && !state.ok ? (state.fieldErrors?.deletePassword ?? state.message) : null;
  const canConfirm = hasPassword || freshSignIn;
  return (
    <div>
      <button
        ref={opener}
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded border border-red-700 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
      >
        Delete account
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-dialog-title"
        aria-describedby="delete-dialog-desc"
        onClose={() => opener.current?.focus()}
        className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded border border-stone-300 bg-white p-5 text-stone-900 backdrop:bg-black/40"
      >
        <h2 id="delete-dialog-title" className="text-xl font-semibold">
          Delete your account?
        </h2>
        <p id="delete-dialog-desc" className="mt-2 text-stone-700">
          This erases your account, every credential, file, skill and learner record in it, your addresses and your
          share links, at once. It can&apos;t be undone.
        </p>
        <p className="mt-3">First, keep a copy: a ZIP of everything, which you can import into another Sash account.</p>
        <p className="mt-2">
          <a
            href="/wallet/export"
            download
            className="inline-block rounded border border-sash-700 px-4 py-2 font-medium text-sash-800"
          >
            Download everything
          </a>
        </p>
        <form action={action} className="mt-4 flex flex-col gap-3" noValidate>
          {hasPassword ? (
            <Field
              label="Password"
              name="deletePassword"
              type="password"
              autoComplete="current-password"
              required
              error={error ?? undefined}
            />
          ) : freshSignIn ? (
            <p>You signed in within the last 5 minutes, so no password is needed.</p>
          ) : (
            <div className="flex flex-col gap-2">
              <p>Your account signs in with {provider ?? "single sign-on"}. Sign in again to confirm it is you.</p>
              <div>
                <button
                  type="button"
                  onClick={() => signIn("oidc", { callbackUrl: "/account?delete=1" })}
                  className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
                >
                  Sign in again with {provider ?? "single sign-on"}
                </button>
              </div>
            </div>
          )}
          {error && !hasPassword ? (
            <p role="alert" className="text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={pending || !canConfirm || state?.ok}
              className="rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
            >
              Delete account permanently
            </button>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
