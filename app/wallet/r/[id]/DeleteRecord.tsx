"use client";
// Delete a learner record: a modal <dialog> (focus moves in, Escape cancels) with
// two explicit choices — keep the record's credentials, or delete them too.
import { useActionState, useRef } from "react";
import { deleteRecordAction } from "./actions";

const CHOICE =
  "rounded px-4 py-2 text-left font-medium disabled:opacity-60 focus-visible:outline focus-visible:outline-2";

export function DeleteRecord({ id, title, credentialCount }: { id: string; title: string; credentialCount: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, action, pending] = useActionState(deleteRecordAction, null);
  const n = credentialCount;
  const them = n === 1 ? "its credential" : `its ${n} credentials`;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          dialog.current?.showModal();
          // Focus starts on Cancel, never on a choice that deletes.
          cancel.current?.focus();
        }}
        className="rounded border border-red-700 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
      >
        Delete record
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-record-heading"
        aria-describedby="delete-record-text"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-300 p-5 backdrop:bg-black/40"
      >
        <h2 id="delete-record-heading" className="text-lg font-semibold">
          Delete this learner record?
        </h2>
        <p id="delete-record-text" className="mt-2">
          “{title}” will be removed from your wallet. This can&apos;t be undone.
          {n
            ? ` Choose what happens to ${them}: kept, they stay in your wallet with their share links; deleted, their share links stop working.`
            : ""}
        </p>
        {state && !state.ok ? (
          <p role="alert" className="mt-2 text-red-800">
            {state.message}
          </p>
        ) : null}
        <div className="mt-4 flex flex-col gap-2">
          <form action={action}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="credentials" value="keep" />
            <button
              type="submit"
              disabled={pending}
              className={`w-full bg-red-700 text-white hover:bg-red-800 ${CHOICE}`}
            >
              {n ? `Delete the record, keep ${them}` : "Delete the record"}
            </button>
          </form>
          {n ? (
            <form action={action}>
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="credentials" value="delete" />
              <button
                type="submit"
                disabled={pending}
                className={`w-full border border-red-700 bg-white text-red-800 hover:bg-red-50 ${CHOICE}`}
              >
                Delete the record and {them}
              </button>
            </form>
          ) : null}
          <button
            ref={cancel}
            type="button"
            onClick={() => dialog.current?.close()}
            className="self-start rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
          >
            Cancel
          </button>
          {pending ? (
            <p role="status" className="text-sm">
              Deleting…
            </p>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
