"use client";
// /admin's trusted-issuer and learner forms (issue #21 §4), each a server action with its answer said once.
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/SubmitButton";
import {
  addIssuerAction,
  addRegistryFileAction,
  addRegistryUrlAction,
  deleteLearnerAction,
  removeIssuerAction,
  setDisabledAction,
} from "./actions";

/** A labelled input with an id unique on the page (the page has several forms with a "name" field). */
function Input({ id, label, ...input }: { id: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input id={id} className="w-full min-w-0 rounded border border-stone-400 bg-white px-3 py-2" {...input} />
    </div>
  );
}

type State =
  { ok: true; data: { message: string } } | { ok: false; message: string; fieldErrors?: Record<string, string> } | null;

function Answer({ state }: { state: State }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-green-900">
      {state.data.message}
    </p>
  ) : (
    <p role="alert" className="text-red-800">
      {Object.values(state.fieldErrors ?? {})[0] ?? state.message}
    </p>
  );
}

export function AddRegistryUrlForm() {
  const [state, action, pending] = useActionState(addRegistryUrlAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Input id="registry-url" label="Registry URL" name="url" type="url" required />
      <Input id="registry-url-name" label="Registry name (optional)" name="name" />
      <div>
        <SubmitButton disabled={pending}>Add registry</SubmitButton>
      </div>
      <div aria-live="polite">
        <Answer state={state} />
      </div>
    </form>
  );
}

export function AddRegistryFileForm() {
  const [state, action, pending] = useActionState(addRegistryFileAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <label htmlFor="registry-file" className="font-medium">
        Registry file (DCC format, JSON)
      </label>
      <input
        id="registry-file"
        name="file"
        type="file"
        accept=".json,application/json"
        required
        className="w-full min-w-0 text-sm"
      />
      <Input id="registry-file-name" label="Registry name (optional)" name="name" />
      <div>
        <SubmitButton disabled={pending}>Add registry file</SubmitButton>
      </div>
      <div aria-live="polite">
        <Answer state={state} />
      </div>
    </form>
  );
}

export function AddIssuerForm() {
  const [state, action, pending] = useActionState(addIssuerAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Input id="issuer-id" label="Issuer DID or URL" name="issuer" required />
      <Input id="issuer-name" label="Issuer name" name="name" required />
      <div>
        <SubmitButton disabled={pending}>Add issuer</SubmitButton>
      </div>
      <div aria-live="polite">
        <Answer state={state} />
      </div>
    </form>
  );
}

export function RemoveIssuerButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(removeIssuerAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Remove ${name}`}
        className="rounded border border-red-700 px-2 py-1 text-sm text-red-800"
      >
        Remove
      </button>
      <Answer state={state} />
    </form>
  );
}

export function LearnerActions({ id, email, disabled }: { id: string; email: string; disabled: boolean }) {
  const [toggleState, toggle, toggling] = useActionState(setDisabledAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteLearnerAction, null);
  return (
    <div className="flex flex-col gap-2">
      <form action={toggle}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="disabled" value={disabled ? "0" : "1"} />
        <button
          type="submit"
          disabled={toggling}
          aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
          className="rounded border border-stone-500 px-2 py-1 text-sm"
        >
          {disabled ? "Enable" : "Disable"}
        </button>
      </form>
      <div aria-live="polite">
        <Answer state={toggleState} />
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-red-800">Delete…</summary>
        <form action={remove} className="mt-2 flex flex-col gap-2">
          <input type="hidden" name="id" value={id} />
          <Input
            id={`confirm-${id}`}
            label={`Type delete to erase ${email} and all their data`}
            name="confirm"
            autoComplete="off"
            required
          />
          <div>
            <button
              type="submit"
              disabled={deleting}
              className="rounded bg-red-800 px-3 py-1 text-sm font-medium text-white disabled:opacity-60"
            >
              Delete learner
            </button>
          </div>
        </form>
        <div aria-live="polite">
          <Answer state={deleteState} />
        </div>
      </details>
    </div>
  );
}
