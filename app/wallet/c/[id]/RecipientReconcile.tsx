"use client";
// When Sash can't confirm a badge was issued to this learner (issue #11 §2):
// offer to add the address a plain badge names, or ask which address a hashed
// badge was sent to — the server checks the answer against the hash first.
import { useActionState } from "react";
import { Field } from "@/app/components/Field";
import { claimAddressAction } from "@/app/account/actions";
import { SubmitButton } from "@/app/components/SubmitButton";

export function RecipientReconcile({ credentialId, plainEmail }: { credentialId: string; plainEmail: string | null }) {
  const [state, action, pending] = useActionState(claimAddressAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="credentialId" value={credentialId} />
      {plainEmail ? (
        <>
          <p>
            This badge was issued to <strong className="break-all">{plainEmail}</strong>. Add it to your account and
            open the link we send there; then Sash can confirm the badge is yours.
          </p>
          <input type="hidden" name="email" value={plainEmail} />
          <div>
            <SubmitButton disabled={pending}>Add this address</SubmitButton>
          </div>
        </>
      ) : (
        <>
          <Field
            label="Which address did the issuer send this to?"
            name="email"
            type="email"
            autoComplete="email"
            required
            hint="The issuer stored this address scrambled (hashed), so Sash checks your answer against it before sending a confirmation link."
            defaultValue={state && !state.ok ? state.values?.email : ""}
          />
          <div>
            <SubmitButton disabled={pending}>Check address</SubmitButton>
          </div>
        </>
      )}
      <div aria-live="polite">
        {state?.ok ? <p className="text-green-900">{state.data.message}</p> : null}
        {state && !state.ok ? <p className="text-red-800">{state.fieldErrors?.email ?? state.message}</p> : null}
      </div>
    </form>
  );
}
