"use client";
// Title and Description, shared by the add form and the edit form.
import { Field } from "@/app/components/Field";

export function CredentialTextFields(props: {
  title: string;
  onTitle: (v: string) => void;
  titleError?: string;
  description: string;
  onDescription: (v: string) => void;
  rows?: number;
}) {
  return (
    <>
      <Field
        label="Title"
        name="title"
        required
        maxLength={200}
        value={props.title}
        onChange={(e) => props.onTitle(e.target.value)}
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
          maxLength={10_000}
          value={props.description}
          onChange={(e) => props.onDescription(e.target.value)}
          className="w-full rounded border border-stone-400 bg-white px-3 py-2"
        />
      </div>
    </>
  );
}
