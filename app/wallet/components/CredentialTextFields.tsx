"use client";
// Title and Description, shared by the add form and the edit form. Controlled,
// so React 19 doesn't empty them when the form's action answers with an error.
import { useState } from "react";
import { Field } from "@/app/components/Field";
import { MAX_DESCRIPTION, MAX_TITLE } from "@/lib/wallet/rules";

export function CredentialTextFields(props: { initialTitle: string; initialDescription: string; titleError?: string; rows?: number }) {
  const [title, setTitle] = useState(props.initialTitle);
  const [description, setDescription] = useState(props.initialDescription);
  return (
    <>
      <Field
        label="Title"
        name="title"
        required
        maxLength={MAX_TITLE}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={props.titleError}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="field-description" className="font-medium">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={props.rows ?? 4}
          maxLength={MAX_DESCRIPTION}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="w-full rounded border border-stone-400 bg-white px-3 py-2"
        />
      </div>
    </>
  );
}
