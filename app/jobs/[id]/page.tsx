import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/server/auth";
import { jobDetail } from "@/server/jobs";
import { FitMeter, STATUS_LABEL, STATUS_STYLE } from "../FitMeter";
import { MatchedSkills } from "../MatchedSkills";
import { Recommendations } from "../Recommendations";
import { Section } from "@/app/components/Section";

/** "Skills you have" and "Skills to gain": the two cards side by side. */
const SKILLS_CARD = {
  className: "rounded border border-stone-200 bg-white p-4",
  headingClassName: "text-lg font-semibold",
};

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  const d = await jobDetail(user, id);
  if (!d) notFound();
  const { job } = d;

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p>
        <Link href="/jobs" className="text-sm underline">
          ← All jobs
        </Link>
      </p>
      <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">{job.title}</h1>
          <p className="text-stone-700">
            {[job.employer, job.location].filter(Boolean).join(" · ")}
            {job.remote ? (
              <span className="ml-2 rounded bg-sash-100 px-1.5 py-0.5 text-xs font-medium text-sash-800">Remote</span>
            ) : null}
          </p>
          {job.url ? (
            <p className="mt-1">
              <a href={job.url} className="underline" rel="noopener noreferrer nofollow">
                View the original posting<span className="sr-only"> (opens the employer&apos;s site)</span>
              </a>
            </p>
          ) : null}
        </div>
        <div className="shrink-0 sm:w-56">
          <FitMeter fit={d.fit} matched={d.matched.length} required={d.requiredCount} verifiedFit={d.verifiedFit} />
        </div>
      </div>
      {d.allSkillsCount && d.requiredCount > 0 ? (
        <p className="mt-2 text-sm text-stone-600">
          This posting doesn&apos;t mark skills as required, so every listed skill counts.
        </p>
      ) : null}
      {!user ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/jobs/${job.id}`)}`}
            className="font-medium underline"
          >
            Sign in
          </Link>{" "}
          to match this job against the skills in your wallet.
        </p>
      ) : null}

      <div className="mt-8 grid grid-cols-1 gap-6 md:grid-cols-2">
        <Section headingId="have" title={<>Skills you have ({d.matched.length})</>} {...SKILLS_CARD}>
          <MatchedSkills matched={d.matched} />
        </Section>

        <Section headingId="missing" title={<>Skills to gain ({d.missing.length})</>} {...SKILLS_CARD}>
          {d.missing.length === 0 ? (
            <p className="mt-2 text-stone-700">
              {d.requiredCount ? "You have every skill this job asks for." : "This posting lists no skills."}
            </p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-2">
              {d.missing.map((s) => (
                <li key={s.key} className="rounded border border-stone-300 bg-stone-50 px-2 py-1 text-sm">
                  {s.name}
                </li>
              ))}
            </ul>
          )}
          {d.preferred.length ? (
            <>
              <h3 className="mt-4 font-semibold">Also nice to have</h3>
              <p className="text-sm text-stone-600">Preferred skills don&apos;t change the score.</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {d.preferred.map((s) => (
                  <li key={s.key} className="rounded border border-stone-200 px-2 py-1 text-sm">
                    {s.name}
                    {s.held ? <span className="text-sash-700"> (you have this)</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      </div>

      <Section headingId="gap" title="Close the gap" className="mt-8">
        {d.recommendations.length === 0 ? (
          <p className="mt-2 text-stone-700">
            {d.missing.length
              ? "No course in the catalogue teaches the missing skills in this job's field yet."
              : "Nothing to close: you meet every requirement."}
          </p>
        ) : (
          <Recommendations items={d.recommendations} />
        )}
        {d.contributions.length ? (
          <>
            <h3 className="mt-6 text-lg font-semibold">Already in your wallet</h3>
            <ul className="mt-2 space-y-2">
              {d.contributions.map((c) => (
                <li key={c.offering.id} className="rounded border border-stone-200 bg-white p-3">
                  <Link href={`/wallet/c/${c.offering.id}`} className="font-medium underline">
                    {c.offering.title}
                  </Link>{" "}
                  <span
                    className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[c.offering.status]}`}
                  >
                    {STATUS_LABEL[c.offering.status]}
                  </span>
                  <p className="text-sm">
                    Supplies {c.supplies.map((s) => s.name).join(", ")} · Opportunity Fit {c.fitWithout}% → {c.fitWith}%
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      {job.description ? (
        <Section headingId="about" title="About the job" className="mt-8">
          <div className="mt-2 space-y-2 whitespace-pre-line text-stone-800">{job.description}</div>
        </Section>
      ) : null}
    </main>
  );
}
