"use client";
import { CredentialTextFields, useCredentialTextCheck } from "../../../components/CredentialTextFields";
import { useActionState } from "react";
import Link from "next/link";
import type { CredentialSkill } from "@/lib/wallet/types";
import { editCredentialAction } from "../actions";
import { SkillsField } from "../../../components/SkillsField";
import { SubmitButton } from "@/app/components/SubmitButton";

export function EditCredentialForm(props: {
  id: string;
  title: string;
  description: string;
  skills: CredentialSkill[];
}) {
  const [state, action, pending] = useActionState(editCredentialAction, null);
  const check = useCredentialTextCheck();
  const titleError = check.errors.title ?? (state && !state.ok ? state.fieldErrors?.title : undefined);
  return (
    <form action={action} onSubmit={check.onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={props.id} />
      <CredentialTextFields initial={props} titleError={titleError} rows={5} />
      <SkillsField initial={props.skills} />
      {state && !state.ok && !titleError ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
          {state.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton disabled={pending}>Save changes</SubmitButton>
        <Link
          href={`/wallet/c/${props.id}`}
          className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
