import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/server/auth";
import { portfolioView, portfolioSharePath, portfolioShareSettings } from "@/server/portfolio";
import { publicOrigin } from "@/server/request";
import { formatTrustDate } from "@/lib/trust/present";
import type { PortfolioGroupView, PortfolioItemView } from "@/lib/portfolio/view";
import { renewRecordLinkAction, setRecordSharingAction } from "./actions";

export const metadata: Metadata = { title: "Learner record", robots: { index: false } };

const TONE_CLASS = { ok: "text-green-800", failed: "text-red-700", neutral: "text-stone-700" } as const;

function Dates({ issuedOn, expires, expired }: { issuedOn: Date | null; expires: Date | null; expired?: boolean }) {
  const parts: React.ReactNode[] = [];
  if (issuedOn)
    parts.push(
      <span key="i">
        Issued <time dateTime={issuedOn.toISOString()}>{formatTrustDate(issuedOn)}</time>
      </span>,
    );
  if (expires)
    parts.push(
      <span key="e">
        {expired ? "Expired" : "Expires"} <time dateTime={expires.toISOString()}>{formatTrustDate(expires)}</time>
      </span>,
    );
  return parts.length ? <>{parts.flatMap((p, i) => (i ? [" · ", p] : [p]))}</> : null;
}

function Item({ item, showIssuer }: { item: PortfolioItemView; showIssuer: boolean }) {
  const reason = item.summary.replace(/^(Not verified|Verified) — /, "");
  return (
    <li className="border-t border-stone-100 py-3 first:border-t-0">
      <h3 className="font-semibold">
        <Link href={`/wallet/c/${item.id}`} className="hover:underline">
          {item.title}
        </Link>
      </h3>
      <p className="text-sm text-stone-600">
        {[
          item.achievementType,
          showIssuer && item.issuerName ? `Issued by ${item.issuerName}` : null,
          <Dates key="d" issuedOn={item.issuedOn} expires={item.expires} expired={item.expired} />,
        ]
          .filter(Boolean)
          .flatMap((p, i) => (i ? [" · ", p] : [p]))}
      </p>
      <p className={`text-sm ${TONE_CLASS[item.tone]}`}>
        <strong>{item.status}</strong> — {reason}
      </p>
      {item.results.length ? (
        <ul aria-label="Results" className="mt-1 list-disc pl-5 text-sm">
          {item.results.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
      {item.skills.length ? <p className="mt-1 text-sm text-stone-700">Skills: {item.skills.join(", ")}</p> : null}
    </li>
  );
}

function Group({ group, n }: { group: PortfolioGroupView; n: number }) {
  const lr = group.learnerRecord;
  return (
    <section aria-labelledby={`group-${n}`} className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={`group-${n}`} className="text-lg font-semibold">
        {group.heading}
      </h2>
      {lr ? (
        <>
          <p className="text-sm text-stone-600">
            Learner record{lr.issuerName ? ` · Issued by ${lr.issuerName}` : ""}
            {lr.issuedOn ? <> · {formatTrustDate(lr.issuedOn)}</> : null}
          </p>
          <p className={`text-sm ${TONE_CLASS[lr.tone]}`}>
            <strong>{lr.status}</strong> — {lr.summary.replace(/^(Not verified|Verified) — /, "")}
          </p>
        </>
      ) : null}
      {group.items.length ? (
        <ul className="mt-2">
          {group.items.map((i) => (
            <Item key={i.id} item={i} showIssuer={!!lr} />
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-stone-600">No credentials filed under it.</p>
      )}
    </section>
  );
}

export default async function RecordPage() {
  const user = await requireUser("/record");
  const [view, share] = await Promise.all([portfolioView(user), portfolioShareSettings(user)]);
  const url = `${publicOrigin()}${portfolioSharePath(share.slug)}`;
  const t = view.totals;
  return (
    <main className="record-doc mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold">
        {view.learnerName ? `${view.learnerName} — learner record` : "Learner record"}
      </h1>
      <p className="mt-1 text-stone-700">
        {t.credentials} {t.credentials === 1 ? "credential" : "credentials"} from {t.issuers}{" "}
        {t.issuers === 1 ? "issuer" : "issuers"}
        {t.learnerRecords
          ? ` and ${t.learnerRecords} learner ${t.learnerRecords === 1 ? "record" : "records"}`
          : ""}; {t.verified} verified.
      </p>

      <section
        aria-labelledby="record-tools"
        className="print-hidden mt-4 rounded-lg border border-stone-200 bg-white p-4"
      >
        <h2 id="record-tools" className="text-lg font-semibold">
          Share, print or take it with you
        </h2>
        <p className="mt-1 text-sm text-stone-700">
          To print it or save it as a PDF, use your browser&apos;s Print command (Ctrl+P or ⌘P): the page prints without
          menus or buttons.
        </p>
        {share.enabled ? (
          <div className="mt-3">
            <p>
              Sharing is <strong>on</strong>. Anyone with this link sees everything on this page except links into your
              wallet:
            </p>
            <label htmlFor="record-link" className="mt-2 block font-medium">
              Record link
            </label>
            <input
              id="record-link"
              readOnly
              value={url}
              className="mt-1 w-full rounded border border-stone-400 bg-stone-50 px-3 py-2 font-mono text-sm"
            />
          </div>
        ) : (
          <p className="mt-3">
            Sharing is <strong>off</strong>: nobody else can see this record.
          </p>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          <form action={setRecordSharingAction}>
            <input type="hidden" name="enabled" value={share.enabled ? "off" : "on"} />
            <button type="submit" className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800">
              {share.enabled ? "Turn off sharing" : "Turn on sharing"}
            </button>
          </form>
          {share.enabled ? (
            <form action={renewRecordLinkAction}>
              <button
                type="submit"
                className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
              >
                Make a new link
              </button>
            </form>
          ) : null}
          <a
            href="/wallet/export"
            download
            className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            Download everything (ZIP)
          </a>
        </div>
      </section>

      {view.groups.length ? (
        view.groups.map((g, n) => <Group key={g.key} group={g} n={n} />)
      ) : (
        <p className="mt-6 text-stone-700">
          <Link href="/wallet/add" className="font-medium underline">
            Add your first badge
          </Link>{" "}
          and your record fills in here, grouped by issuer, with the skills it shows.
        </p>
      )}

      {view.skills.length ? (
        <section aria-labelledby="record-skills" className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="record-skills" className="text-lg font-semibold">
            Skills
          </h2>
          <table className="mt-2 w-full text-left text-sm">
            <caption className="text-left text-stone-600">
              How many credentials support each skill, and how many of those are verified.
            </caption>
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-1 pr-2">
                  Skill
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  Credentials
                </th>
                <th scope="col" className="py-1 text-right">
                  Verified
                </th>
              </tr>
            </thead>
            <tbody>
              {view.skills.map((s) => (
                <tr key={s.skillKey} className="border-b border-stone-100">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {s.name}
                  </th>
                  <td className="py-1 pr-2 text-right">{s.credentials}</td>
                  <td className="py-1 text-right">{s.verified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}
