// Verification status in words and colour (never colour alone): the one status of
// lib/trust/status.ts, in the card words of lib/trust/present.ts.
import type { VerificationReport } from "@/lib/badges/verify/types";
import { statusWords, type TrustTone } from "@/lib/trust/present";
import type { VerifiedStatus } from "@/lib/trust/status";
import { checkLines, type CheckLine } from "@/lib/trust/words";

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

// The checks in lib/trust/words.ts's words: the same labels, status words and recipient
// sentences as the public share page (issue #20 §5). The learner's own page leaves messages unredacted.
const STATUS_CLASS: Record<CheckLine["status"], string> = {
  pass: "text-green-800",
  fail: "text-red-800",
  warn: "text-amber-800",
  skip: "text-stone-700",
};

/** The check-by-check report. */
export function VerificationChecks({ report }: { report: VerificationReport }) {
  return (
    <ul aria-label="Verification checks" className="flex flex-col gap-2">
      {checkLines(report.checks, "learner").map((c) => (
        <li key={c.id} className="rounded border border-stone-200 bg-white p-2">
          <p className="font-medium">
            {c.label}:{" "}
            <span className={c.statusWord === "Not confirmed" ? STATUS_CLASS.skip : STATUS_CLASS[c.status]}>
              {c.statusWord}
            </span>
          </p>
          <p className="text-sm text-stone-700">{c.message}</p>
        </li>
      ))}
    </ul>
  );
}
