// The Verification summary line and its three plain statements (issue #11 §3),
// from lib/trust/present.ts — the same words as the public share page.
import type { TrustTone, TrustView } from "@/lib/trust/present";

const LINE: Record<TrustTone, string> = {
  ok: "border-green-700 bg-green-50 text-green-900",
  failed: "border-red-700 bg-red-50 text-red-900",
  neutral: "border-stone-400 bg-stone-100 text-stone-800",
};
const TEXT: Record<TrustTone, string> = { ok: "text-green-800", failed: "text-red-800", neutral: "text-stone-700" };
const ICON: Record<TrustTone, string> = { ok: "✓", failed: "✗", neutral: "?" };

export function TrustSummary({ view }: { view: TrustView }) {
  return (
    <div className="flex flex-col gap-2">
      <p data-testid="verification-summary" className={`rounded border px-3 py-2 font-semibold ${LINE[view.tone]}`}>
        <span aria-hidden="true">{ICON[view.tone]} </span>
        {view.summary}
      </p>
      {view.statements.length ? (
        <ul aria-label="What was checked" className="flex flex-col gap-1">
          {view.statements.map((s) => (
            <li key={s.id}>
              <span className="font-medium">{s.label}:</span> <span className={TEXT[s.tone]}>{s.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
