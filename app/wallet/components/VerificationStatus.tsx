// Verification status in words and colour (never colour alone): the one status of
// lib/trust/status.ts, in the card words of lib/trust/present.ts.
import type { VerificationReport } from "@/lib/badges/verify/types";
import { statusWords, type TrustTone } from "@/lib/trust/present";
import type { VerifiedStatus } from "@/lib/trust/status";

const TONE: Record<TrustTone, string> = {
  ok: "border-green-700 bg-green-50 text-green-900",
  failed: "border-red-700 bg-red-50 text-red-900",
  neutral: "border-stone-400 bg-stone-100 text-stone-800",
};
const ICON: Record<TrustTone, string> = { ok: "✓", failed: "✗", neutral: "?" };

export function VerificationStatus({ status }: { status: VerifiedStatus }) {
  const s = statusWords(status);
  return (
    <p
      className={`inline-flex max-w-full items-start gap-1 rounded border px-2 py-0.5 text-sm font-medium ${TONE[s.tone]}`}
    >
      <span aria-hidden="true">{ICON[s.tone]}</span>
      <span>{s.words}</span>
    </p>
  );
}

const CHECK_LABEL: Record<string, string> = {
  signature: "Signature",
  hosted: "Issuer's copy",
  recipient: "Recipient",
  expiry: "Dates",
  revocation: "Revocation",
  issuer: "Issuer",
  schema: "Structure (schema)",
};
const CHECK_STATUS: Record<string, { words: string; cls: string }> = {
  pass: { words: "Passed", cls: "text-green-800" },
  fail: { words: "Failed", cls: "text-red-800" },
  warn: { words: "Warning", cls: "text-amber-800" },
  skip: { words: "Not checked", cls: "text-stone-700" },
};

/** The check-by-check report. */
export function VerificationChecks({ report }: { report: VerificationReport }) {
  return (
    <ul className="flex flex-col gap-2">
      {report.checks.map((c) => {
        // A recipient that doesn't match a verified address is "not confirmed", not a red failure (issue #11 §3).
        const st =
          c.id === "recipient" && c.status === "fail"
            ? { words: "Not confirmed", cls: "text-stone-700" }
            : (CHECK_STATUS[c.status] ?? CHECK_STATUS.skip!);
        return (
          <li key={c.id} className="rounded border border-stone-200 bg-white p-2">
            <p className="font-medium">
              {CHECK_LABEL[c.id] ?? c.id}: <span className={st.cls}>{st.words}</span>
            </p>
            <p className="text-sm text-stone-700">{c.message}</p>
          </li>
        );
      })}
    </ul>
  );
}
