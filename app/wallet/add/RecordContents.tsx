"use client";

// /wallet/add: what a learner record holds, shown on its draft form.
import type { ImportDraft } from "@/server/wallet";

/** What a learner record brings: each nested credential is filed on its own, with its own skills. */
export function RecordContents({ summary }: { summary: NonNullable<ImportDraft["learnerRecord"]> }) {
  const n = summary.credentials.length;
  return (
    <section aria-labelledby="record-contents-heading" className="rounded border border-stone-200 bg-white p-3">
      <h3 id="record-contents-heading" className="font-semibold">
        In this record
      </h3>
      <p className="text-sm text-stone-700">
        {summary.achievementCount} achievement{summary.achievementCount === 1 ? "" : "s"}
        {summary.withoutCredential ? ` (${summary.withoutCredential} without a credential)` : ""}. Each of its {n}{" "}
        credential{n === 1 ? "" : "s"} is also added to your wallet on its own, with its own skills and share link.
      </p>
      {n ? (
        <ul className="mt-2 list-disc pl-5">
          {summary.credentials.map((c, i) => (
            <li key={i}>
              {c.title}
              {c.issuerName ? <span className="text-stone-700"> · {c.issuerName}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
