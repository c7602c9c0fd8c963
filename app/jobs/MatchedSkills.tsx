// The "Skills you have" list of a posting's fit: each matched skill with the credentials behind it,
// verified or self-asserted, and whether it counts toward Verified fit. Used by /jobs/[id] and
// /jobs/check, so both pages mark evidence the same way.
import Link from "next/link";
import type { MatchedSkill } from "@/server/jobs";
import { STATUS_LABEL, STATUS_STYLE } from "./FitMeter";

export function MatchedSkills({ matched }: { matched: ReadonlyArray<Omit<MatchedSkill, "required">> }) {
  if (matched.length === 0) return <p className="mt-2 text-stone-700">None yet.</p>;
  return (
    <ul className="mt-2 space-y-3">
      {matched.map((s) => (
        <li key={s.key}>
          <p className="font-medium">
            {s.name}{" "}
            <span className="text-sm font-normal text-stone-700">
              {s.verified ? "· counts toward Verified fit" : "· self-asserted only"}
            </span>
          </p>
          <ul className="mt-1 flex flex-wrap gap-2" aria-label={`Evidence for ${s.name}`}>
            {s.evidence.map((e) => (
              <li key={e.credentialId} className="text-sm">
                <Link href={`/wallet/c/${e.credentialId}`} className="underline">
                  {e.title}
                </Link>{" "}
                <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[e.status]}`}>
                  {STATUS_LABEL[e.status]}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
