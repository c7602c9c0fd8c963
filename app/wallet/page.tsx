import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/server/auth";
import { learnerRecordsFor, walletOverview } from "@/server/wallet";
import { statusNoticesFor } from "@/server/reverify";
import { StatusNotices } from "./components/StatusNotices";
import { CredentialCard } from "./components/CredentialCard";
import { RecordCard } from "./components/RecordCard";

export const metadata: Metadata = { title: "Wallet" };

const SECTION_TITLES: Record<string, string> = { imported: "Self-Asserted/Imported" };

function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 200) ?? "";
}

export default async function WalletPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/wallet");
  const sp = await searchParams;
  const q = one(sp.q).trim();
  const skill = one(sp.skill);
  const { total, cards, skillOptions } = await walletOverview(user, { q, skill: skill || undefined });
  const notices = await statusNoticesFor(user);
  const records = await learnerRecordsFor(user);
  const filtering = q !== "" || skill !== "";
  const sections = Object.keys(SECTION_TITLES).map((key) => ({
    key,
    title: SECTION_TITLES[key]!,
    cards: cards.filter((c) => c.section === key),
  }));

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{user.name ? `${user.name}'s Wallet` : "Your Wallet"}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/record" className="rounded border border-sash-700 px-4 py-2 font-medium text-sash-800">
            Learner record
          </Link>
          <a
            href="/wallet/export"
            download
            className="rounded border border-sash-700 px-4 py-2 font-medium text-sash-800"
          >
            Download everything
          </a>
          <Link href="/wallet/present" className="rounded border border-sash-700 px-4 py-2 font-medium text-sash-800">
            Present credentials
          </Link>
          <Link href="/wallet/add" className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800">
            Add credential
          </Link>
        </div>
      </div>
      {sp.added ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          Your credential was added.
        </p>
      ) : null}
      {sp.recordDeleted ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          {sp.recordDeleted === "kept"
            ? "The learner record was deleted; its credentials are still in your wallet."
            : "The learner record and its credentials were deleted."}
        </p>
      ) : null}
      <StatusNotices notices={notices} />

      {records.length ? (
        <section aria-labelledby="section-records" className="mt-8">
          <h2 id="section-records" className="text-xl font-semibold">
            Learner Records
          </h2>
          <ul className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {records.map((r) => (
              <li key={r.id} className="min-w-0">
                <RecordCard record={r} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {total === 0 && !records.length ? (
        <section aria-labelledby="empty-heading" className="mt-8 rounded-lg border border-stone-200 bg-white p-6">
          <h2 id="empty-heading" className="text-lg font-semibold">
            Your wallet is empty
          </h2>
          <p className="mt-2 text-stone-700">
            <Link href="/wallet/add" className="font-medium text-sash-800 underline">
              Add your first badge
            </Link>
            : upload a badge image from Credly, Badgr or any Open Badges issuer and Sash fills in the details (or type
            one in yourself), then share it and see which jobs it opens.
          </p>
        </section>
      ) : (
        <>
          <form
            method="get"
            action="/wallet"
            role="search"
            aria-label="Filter credentials"
            className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-end"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <label htmlFor="wallet-q" className="font-medium">
                Search by title
              </label>
              <input
                id="wallet-q"
                name="q"
                type="search"
                defaultValue={q}
                className="w-full rounded border border-stone-400 bg-white px-3 py-2"
              />
            </div>
            <div className="flex min-w-0 flex-col gap-1 sm:w-64">
              <label htmlFor="wallet-skill" className="font-medium">
                Filter by skill
              </label>
              <select
                id="wallet-skill"
                name="skill"
                defaultValue={skill}
                className="w-full rounded border border-stone-400 bg-white px-3 py-2"
              >
                <option value="">All skills</option>
                {skillOptions.map((s) => (
                  <option key={s.skillKey} value={s.skillKey}>
                    {s.name} ({s.count})
                  </option>
                ))}
              </select>
            </div>
            <div className="flex gap-2">
              <button
                type="submit"
                className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
              >
                Apply
              </button>
              {filtering ? (
                <Link href="/wallet" className="rounded px-2 py-2 underline">
                  Clear
                </Link>
              ) : null}
            </div>
          </form>

          {sections.map((s) => (
            <section key={s.key} aria-labelledby={`section-${s.key}`} className="mt-8">
              <h2 id={`section-${s.key}`} className="text-xl font-semibold">
                {s.title}
              </h2>
              {s.cards.length ? (
                <ul className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
                  {s.cards.map((c) => (
                    <li key={c.id} className="min-w-0">
                      <CredentialCard card={c} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-3 text-stone-700">
                  {filtering ? "No credentials match your search." : "Nothing here yet."}
                </p>
              )}
            </section>
          ))}
        </>
      )}
    </main>
  );
}
