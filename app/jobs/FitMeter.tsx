// "Opportunity Fit NN%" with a bar, and "Verified fit NN%" (issue #14) when given. The text
// carries the meaning; the bars are decoration.
export function FitMeter({
  fit,
  matched,
  required,
  label = "Opportunity Fit",
  verifiedFit,
  verifiedLabel = "Verified fit",
}: {
  fit: number;
  matched?: number;
  required?: number;
  label?: string;
  /** Fit from skills backed by a verified credential only. */
  verifiedFit?: number;
  verifiedLabel?: string;
}) {
  return (
    <div className="min-w-0">
      <p className="font-semibold text-sash-800">{`${label} ${fit}%`}</p>
      <div aria-hidden="true" className="mt-1 h-2 w-full max-w-48 overflow-hidden rounded bg-stone-200">
        <div className="h-full rounded bg-sash-600" style={{ width: `${fit}%` }} />
      </div>
      {verifiedFit !== undefined ? (
        <>
          <p className="mt-1 text-sm font-semibold text-stone-800">{`${verifiedLabel} ${verifiedFit}%`}</p>
          <div aria-hidden="true" className="mt-1 h-1.5 w-full max-w-48 overflow-hidden rounded bg-stone-200">
            <div className="h-full rounded bg-stone-600" style={{ width: `${verifiedFit}%` }} />
          </div>
        </>
      ) : null}
      {required !== undefined && matched !== undefined ? (
        <p className="mt-1 text-sm text-stone-700">
          {required === 0
            ? "No skills listed"
            : `${matched} of ${required} ${required === 1 ? "skill" : "skills"} matched`}
        </p>
      ) : null}
    </div>
  );
}

export const STATUS_LABEL = {
  verified: "Verified",
  "self-asserted": "Self-asserted",
  manual: "Entered manually",
} as const;

export const STATUS_STYLE = {
  verified: "border-sash-600 bg-sash-50 text-sash-800",
  "self-asserted": "border-amber-600 bg-amber-50 text-amber-900",
  manual: "border-stone-400 bg-stone-100 text-stone-800",
} as const;
