// Credentials that a scheduled re-check found revoked or expired since the learner last looked (issue #11 §4).
import Link from "next/link";
import type { StatusNotice } from "@/server/reverify";
import { formatDate } from "../_lib/format";
import { DismissNotice } from "./DismissNotice";

export function StatusNotices({ notices }: { notices: StatusNotice[] }) {
  if (!notices.length) return null;
  return (
    <section
      aria-labelledby="notices-heading"
      className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-900"
    >
      <h2 id="notices-heading" className="font-semibold">
        {notices.length === 1 ? "A credential changed" : `${notices.length} credentials changed`}
      </h2>
      <ul className="mt-1 flex flex-col gap-1">
        {notices.map((n) => (
          <li key={n.id} className="flex flex-wrap items-center gap-2">
            <span>
              <Link href={`/wallet/c/${n.id}`} className="font-medium underline">
                {n.title}
              </Link>{" "}
              {n.notice === "revoked" ? "has been revoked by its issuer" : "has expired"}
              {n.checkedAt ? ` (found on ${formatDate(n.checkedAt)})` : ""}.
            </span>
            <DismissNotice id={n.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
