// Verification status in words and colour (never colour alone).
import type { VerificationReport } from "@/lib/badges/verify/types";

export function statusOf(result: string | null | undefined, failReason?: string | null) {
  if (result === "valid") return { tone: "valid" as const, words: "Verified" };
  if (result === "invalid") return { tone: "invalid" as const, words: failReason ? `Failed: ${failReason}` : "Failed" };
  return { tone: "none" as const, words: "Not verified" };
}

const TONE = {
  valid: "border-green-700 bg-green-50 text-green-900",
  invalid: "border-red-700 bg-red-50 text-red-900",
  none: "border-stone-400 bg-stone-100 text-stone-800",
};
const ICON = { valid: "✓", invalid: "✗", none: "?" };

export function VerificationStatus({
  result,
  failReason,
}: {
  result: string | null | undefined;
  failReason?: string | null;
}) {
  const s = statusOf(result, failReason);
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
