// The "Close the gap" list of a posting's fit: courses and credentials ranked by what they add, each
// with its Opportunity Fit before → after and the missing skills it covers. Used by /jobs/[id] and
// /jobs/check.
import type { JobDetail } from "@/server/jobs";

export function Recommendations({ items }: { items: JobDetail["recommendations"] }) {
  return (
    <ol className="mt-3 space-y-3">
      {items.map((r) => (
        <li key={r.offering.id} className="rounded border border-stone-200 bg-white p-4">
          <h3 className="font-semibold">
            {r.offering.url ? (
              <a href={r.offering.url} className="text-sash-700 underline" rel="noopener noreferrer">
                {r.offering.title}
              </a>
            ) : (
              r.offering.title
            )}
            <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium text-stone-700">
              {r.offering.kind === "credential" ? "Credential" : "Course"}
            </span>
          </h3>
          <p className="text-sm text-stone-700">
            {[r.offering.provider, r.offering.length, r.offering.cost].filter(Boolean).join(" · ")}
          </p>
          <p className="mt-1 font-medium text-sash-800">
            Opportunity Fit {r.fitBefore}% → {r.fitAfter}%
          </p>
          <p className="text-sm">
            Covers {r.covers.length} missing {r.covers.length === 1 ? "skill" : "skills"}:{" "}
            {r.covers.map((s) => s.name).join(", ")}
          </p>
        </li>
      ))}
    </ol>
  );
}
