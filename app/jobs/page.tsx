import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/server/auth";
import { findJobs } from "@/server/jobs";
import { FitMeter } from "./FitMeter";
import { Field } from "@/app/components/Field";

export const metadata: Metadata = { title: "Jobs" };

type SearchParams = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 20;

function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 200) ?? "";
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const q = one(sp.q).trim();
  const location = one(sp.location).trim();
  const remote = one(sp.remote) === "1";
  const verifiedOnly = one(sp.verified) === "1";
  const sort = one(sp.sort) === "date" ? "date" : "fit";
  const page = Math.max(1, Math.min(500, Number.parseInt(one(sp.page), 10) || 1));

  const user = await getCurrentUser();
  const found = await findJobs(user, { query: q, location, remote, verifiedOnly, sort, page, pageSize: PAGE_SIZE });

  const href = (p: number) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (location) u.set("location", location);
    if (remote) u.set("remote", "1");
    if (verifiedOnly) u.set("verified", "1");
    if (sort !== "fit") u.set("sort", sort);
    if (p > 1) u.set("page", String(p));
    const s = u.toString();
    return s ? `/jobs?${s}` : "/jobs";
  };

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold">Jobs</h1>
      <p className="mt-2 text-stone-700">
        Opportunity Fit is the share of a job&apos;s required skills that the credentials in your wallet show you have.
        Verified fit counts only skills backed by a credential whose checks passed.
      </p>
      <p className="mt-2">
        <Link href="/jobs/check" className="font-medium underline">
          Check a posting from another site
        </Link>
      </p>

      {!user ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
          <Link href="/sign-in?callbackUrl=%2Fjobs" className="font-medium underline">
            Sign in
          </Link>{" "}
          to see how your badges match each job. Until then every job shows Opportunity Fit 0%.
        </p>
      ) : found.learnerSkillCount === 0 ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
          <Link href="/wallet/add" className="font-medium underline">
            Upload a badge to see how well you fit
          </Link>
          : until your wallet names a skill, every job shows Opportunity Fit 0%.
        </p>
      ) : (
        <p className="mt-4 text-sm text-stone-700">
          Matching against {found.learnerSkillCount} skills from your wallet, {found.verifiedSkillCount} of them backed
          by a verified credential.
          {found.verifiedOnly ? " Ranked by Verified fit." : null}
        </p>
      )}

      <search className="mt-6 block">
        <form
          method="get"
          action="/jobs"
          className="grid grid-cols-1 gap-4 rounded border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_auto_auto_auto_auto] lg:items-end"
        >
          <Field label="Keyword" name="q" type="search" defaultValue={q} placeholder="Title, employer or skill" />
          <Field label="Location" name="location" type="text" defaultValue={location} placeholder="City or region" />
          <div className="flex items-center gap-2 lg:pb-2">
            <input
              id="jobs-remote"
              name="remote"
              type="checkbox"
              value="1"
              defaultChecked={remote}
              className="h-5 w-5"
            />
            <label htmlFor="jobs-remote">Remote only</label>
          </div>
          <div className="flex items-center gap-2 lg:pb-2">
            <input
              id="jobs-verified"
              name="verified"
              type="checkbox"
              value="1"
              defaultChecked={verifiedOnly}
              className="h-5 w-5"
            />
            <label htmlFor="jobs-verified">Count only verified credentials</label>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="jobs-sort" className="font-medium">
              Sort by
            </label>
            <select
              id="jobs-sort"
              name="sort"
              defaultValue={sort}
              className="rounded border border-stone-400 bg-white px-3 py-2"
            >
              <option value="fit">Best fit</option>
              <option value="date">Newest</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800">
            Search
          </button>
        </form>
      </search>

      <h2 className="sr-only">Results</h2>
      {found.results.length === 0 ? (
        <p className="mt-6">No jobs match{q ? ` "${q}"` : ""}. Try fewer words or another location.</p>
      ) : (
        <ol className="mt-6 space-y-3" aria-label={`Jobs, page ${found.page}`}>
          {found.results.map((j) => (
            <li key={j.jobId} className="rounded border border-stone-200 bg-white p-4">
              <article className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <h3 className="text-lg font-semibold">
                    <Link href={`/jobs/${j.jobId}`} className="text-sash-700 underline-offset-2 hover:underline">
                      {j.title}
                    </Link>
                  </h3>
                  <p className="text-stone-700">
                    {[j.employer, j.location].filter(Boolean).join(" · ")}
                    {j.remote ? (
                      <span className="ml-2 rounded bg-sash-100 px-1.5 py-0.5 text-xs font-medium text-sash-800">
                        Remote
                      </span>
                    ) : null}
                  </p>
                  {j.postedAt ? (
                    <p className="text-sm text-stone-600">
                      Posted{" "}
                      <time dateTime={j.postedAt.toISOString()}>
                        {j.postedAt.toLocaleDateString("en-GB", {
                          day: "numeric",
                          month: "short",
                          year: "numeric",
                          timeZone: "UTC",
                        })}
                      </time>
                    </p>
                  ) : null}
                  {j.matched.length ? (
                    <p className="mt-1 text-sm text-stone-700">You have: {j.matched.map((s) => s.name).join(", ")}</p>
                  ) : null}
                </div>
                <div className="shrink-0 sm:w-52">
                  {found.verifiedOnly ? (
                    <FitMeter
                      label="Verified fit"
                      fit={j.verifiedFit}
                      matched={j.verifiedMatchedCount}
                      required={j.requiredCount}
                      verifiedLabel="Opportunity Fit"
                      verifiedFit={j.fit}
                    />
                  ) : (
                    <FitMeter
                      fit={j.fit}
                      matched={j.matchedCount}
                      required={j.requiredCount}
                      verifiedFit={j.verifiedFit}
                    />
                  )}
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}

      <nav aria-label="Pagination" className="mt-6 flex items-center justify-between gap-4">
        {found.page > 1 ? (
          <Link
            href={href(found.page - 1)}
            className="rounded border border-stone-300 bg-white px-3 py-2 hover:bg-stone-100"
            rel="prev"
          >
            ← Previous page
          </Link>
        ) : (
          <span />
        )}
        <span className="text-sm text-stone-700" aria-current="page">
          Page {found.page}
        </span>
        {found.hasNext ? (
          <Link
            href={href(found.page + 1)}
            className="rounded border border-stone-300 bg-white px-3 py-2 hover:bg-stone-100"
            rel="next"
          >
            Next page →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </main>
  );
}
