"use client";
import { useActionState } from "react";
import { dismissNoticeAction } from "../notice-actions";

export function DismissNotice({ id }: { id: string }) {
  const [, action, pending] = useActionState(dismissNoticeAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-700 bg-white px-2 py-0.5 text-sm">
        Dismiss
      </button>
    </form>
  );
}
