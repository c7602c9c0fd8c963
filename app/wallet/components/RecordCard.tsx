import Link from "next/link";
import type { LearnerRecordCard } from "@/server/wallet";
import { formatDate } from "../_lib/format";
import { VerificationStatus } from "./VerificationStatus";

/** One learner record (CLR 2.0) on /wallet: title, issuer, date, how many achievements, verification. */
export function RecordCard({ record }: { record: LearnerRecordCard }) {
  const date = formatDate(record.issuedOn ?? record.createdAt);
  const n = record.achievementCount;
  return (
    <article
      aria-labelledby={`record-${record.id}`}
      className="flex h-full flex-col gap-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
    >
      <h3 id={`record-${record.id}`} className="font-semibold">
        <Link href={`/wallet/r/${record.id}`} className="hover:underline">
          {record.title}
        </Link>
      </h3>
      <p className="text-sm text-stone-700">{record.issuerName ?? "Unknown issuer"}</p>
      {date ? (
        <p className="text-sm text-stone-700">
          {record.issuedOn ? "Issued" : "Added"} {date}
        </p>
      ) : null}
      <p className="text-sm">
        {n} achievement{n === 1 ? "" : "s"} · {record.credentialCount} credential
        {record.credentialCount === 1 ? "" : "s"} in your wallet
      </p>
      <div className="mt-auto">
        <VerificationStatus status={record.status} />
      </div>
    </article>
  );
}
