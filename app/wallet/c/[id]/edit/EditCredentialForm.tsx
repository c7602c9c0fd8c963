"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import type { CredentialSkill } from "@/db/queries/credentials";
import { editCredentialAction } from "../actions";
import { SkillsField } from "../../../components/SkillsField";

export function EditCredentialForm(props: { id: string; title: string; description: string; skills: CredentialSkill[] }) {
  const [state, action, pending] = useActionState(editCredentialAction, null);
  const [title, setTitle] = useState(props.title);
  const [description, setDescription] = useState(props.description);
  const titleError = state && !state.ok ? state.fieldErrors?.title : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={props.id} />
      <div className="flex flex-col gap-1">
        <label htmlFor="edit-title" className="font-medium">
          Title
        </label>
        <input
          id="edit-title"
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? "edit-title-error" : undefined}
          className="w-full rounded border border-stone-400 bg-white px-3 py-2 aria-invalid:border-red-700"
        />
        {titleError ? (
          <p id="edit-title-error" className="text-sm text-red-800">
            {titleError}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="edit-description" className="font-medium">
          Description
        </label>
        <textarea
          id="edit-description"
          name="description"
          rows={5}
          maxLength={10_000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="w-full rounded border border-stone-400 bg-white px-3 py-2"
        />
      </div>
      <SkillsField initial={props.skills} />
      {state && !state.ok && !titleError ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
          {state.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60">
          Save changes
        </button>
        <Link href={`/wallet/c/${props.id}`} className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
          Cancel
        </Link>
      </div>
    </form>
  );
}
