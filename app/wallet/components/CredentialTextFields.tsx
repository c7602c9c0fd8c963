"use client";
// Title and Description, shared by the add form and the edit form. Controlled,
// so React 19 doesn't empty them when the form's action answers with an error.
import { useState, type FormEvent } from "react";
import { Field } from "@/app/components/Field";
import { credentialTextSchema, MAX_DESCRIPTION, MAX_TITLE } from "@/lib/wallet/rules";

/**
 * The form's own schema (lib/wallet/rules.ts), run in the browser before the
 * action: with a title that can't pass it the form isn't sent, and the field
 * says why. The server action parses the same schema again (and answers for
 * anything else, such as a description the textarea's maxLength already caps).
 */
export function useCredentialTextCheck() {
  const [errors, setErrors] = useState<{ title?: string }>({});
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const form = new FormData(e.currentTarget);
    const parsed = credentialTextSchema.safeParse({
      title: form.get("title") ?? "",
      description: form.get("description") ?? "",
    });
    const title = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "title")?.message;
    setErrors({ title });
    if (title) e.preventDefault(); // React then skips the form's action.
  }
  return { onSubmit, errors };
}

export function CredentialTextFields(props: {
  initial: { title: string; description: string };
  titleError?: string;
  rows?: number;
}) {
  const [title, setTitle] = useState(props.initial.title);
  const [description, setDescription] = useState(props.initial.description);
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
