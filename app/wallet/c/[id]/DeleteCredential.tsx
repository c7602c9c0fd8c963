"use client";
// Delete with a confirmation step (a modal <dialog>: focus moves in, Escape cancels).
import { useActionState, useRef } from "react";
import { deleteCredentialAction } from "./actions";

export function DeleteCredential({ id, title }: { id: string; title: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action, pending] = useActionState(deleteCredentialAction, null);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded border border-red-700 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
      >
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-heading"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-stone-300 p-5 backdrop:bg-black/40"
      >
        <h2 id="delete-heading" className="text-lg font-semibold">
          Delete this credential?
        </h2>
        <p className="mt-2">
          “{title}” will be removed from your wallet and its share link will stop working. This can&apos;t be undone.
        </p>
        {state && !state.ok ? (
          <p role="alert" className="mt-2 text-red-800">
            {state.message}
          </p>
        ) : null}
        <form action={action} className="mt-4 flex flex-wrap gap-2">
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            {pending ? "Deleting…" : "Yes, delete it"}
          </button>
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
          >
            Cancel
          </button>
        </form>
      </dialog>
    </>
  );
}
