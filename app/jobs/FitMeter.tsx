// "Opportunity Fit NN%" with a bar. The text carries the meaning; the bar is decoration.
export function FitMeter({
  fit,
  matched,
  required,
  label = "Opportunity Fit",
}: {
  fit: number;
  matched?: number;
  required?: number;
  label?: string;
}) {
  return (
    <div className="min-w-0">
      <p className="font-semibold text-sash-800">{`${label} ${fit}%`}</p>
      <div aria-hidden="true" className="mt-1 h-2 w-full max-w-48 overflow-hidden rounded bg-stone-200">
        <div className="h-full rounded bg-sash-600" style={{ width: `${fit}%` }} />
      </div>
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
