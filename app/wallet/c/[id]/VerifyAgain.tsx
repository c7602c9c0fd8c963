"use client";
// The verification report with "Verify again" (re-runs every check on the stored badge).
import { useActionState } from "react";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { verifiedStatus } from "@/lib/trust/status";
import { verifyAgainAction } from "./actions";
import { VerificationChecks, VerificationStatus } from "../../components/VerificationStatus";
import { formatDate } from "../../_lib/format";

export function VerifyAgain({
  id,
  initial,
  expires = null,
}: {
  id: string;
  initial: VerificationReport | null;
  /** The credential's expiry date: past it, the status is failed (expired) even before the next check. */
  expires?: Date | null;
}) {
  const [state, action, pending] = useActionState(verifyAgainAction, null);
  const report = state?.ok ? state.data : initial;
  return (
    <div className="flex flex-col gap-3">
      <div aria-live="polite" className="flex flex-col gap-3">
        {report ? (
          <>
            <VerificationStatus status={verifiedStatus({ report }, { expires })} />
            <p className="text-sm text-stone-700">
              Last checked {formatDate(report.checkedAt)} at{" "}
              {new Date(report.checkedAt).toLocaleTimeString("en-GB", {
                hour: "2-digit",
                minute: "2-digit",
                timeZone: "UTC",
              })}{" "}
              UTC.
            </p>
            <VerificationChecks report={report} />
          </>
        ) : (
          <VerificationStatus status={verifiedStatus({})} />
        )}
        {state && !state.ok ? (
          <p role="alert" className="text-red-800">
            {state.message}
          </p>
        ) : null}
        {pending ? <p>Checking…</p> : null}
      </div>
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
        >
          Verify again
        </button>
      </form>
    </div>
  );
}
