import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/server/auth";
import { pathwaysFor } from "@/server/jobs";
import { FitMeter } from "../jobs/FitMeter";

export const metadata: Metadata = { title: "Career pathways" };

export default async function PathwaysPage() {
  const user = await getCurrentUser();
  const paths = await pathwaysFor(user);
  const ranked = user
    ? [...paths].sort((a, b) => b.fit.overall - a.fit.overall || a.title.localeCompare(b.title))
    : paths;

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold">Career pathways</h1>
      <p className="mt-2 text-stone-700">
        Each pathway is a series of roles. See how far your skills take you along it and what to learn next.
      </p>
      {!user ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
          <Link href="/sign-in?callbackUrl=%2Fpathways" className="font-medium underline">
            Sign in
          </Link>{" "}
          to see your fit for each step.
        </p>
      ) : null}
      <ul className="mt-6 space-y-4">
        {ranked.map((p) => (
          <li key={p.id}>
            <section aria-labelledby={`path-${p.id}`} className="rounded border border-stone-200 bg-white p-4">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <h2 id={`path-${p.id}`} className="text-lg font-semibold">
                    {p.title}
                  </h2>
                  <p className="text-stone-700">{p.description}</p>
                </div>
                <div className="shrink-0 sm:w-52">
                  <FitMeter
                    fit={p.fit.overall}
                    label="Whole path"
                    verifiedFit={user ? p.verifiedFit.overall : undefined}
                    verifiedLabel="Whole path, verified"
                  />
                </div>
              </div>
              <ol className="mt-3 grid grid-cols-1 gap-2 md:grid-cols-3" aria-label={`Steps of ${p.title}`}>
                {p.steps.map((st, i) => (
                  <li
                    key={st.position}
                    className={`rounded border p-3 ${user && i === p.fit.nextStep ? "border-sash-600" : "border-stone-200"}`}
                  >
                    <h3 className="font-medium">
                      <span className="text-stone-600">Step {i + 1}: </span>
                      <Link href={`/jobs?q=${encodeURIComponent(st.role)}`} className="underline">
                        {st.role}
                      </Link>
                    </h3>
                    <FitMeter
                      fit={p.fit.steps[i]?.fit ?? 0}
                      matched={p.fit.steps[i]?.matched.length ?? 0}
                      required={st.skills.length}
                      label="Fit"
                      verifiedFit={user ? (p.verifiedFit.steps[i]?.fit ?? 0) : undefined}
                    />
                    {user && i === p.fit.nextStep ? (
                      <p className="mt-1 text-sm font-medium text-sash-800">Your next step</p>
                    ) : null}
                  </li>
                ))}
              </ol>
              {user ? (
                p.fit.nextStep === -1 ? (
                  <p className="mt-3 text-sash-800">You have every skill on this pathway.</p>
                ) : (
                  <>
                    <p className="mt-3">
                      <span className="font-medium">Next skills to gain:</span>{" "}
                      {p.fit.nextSkills.map((s) => s.name).join(", ")}
                    </p>
                    {p.suggestions.length ? (
                      <>
                        <h3 id={`path-${p.id}-gap`} className="mt-2 text-sm font-medium">
                          Courses for your next step
                        </h3>
                        <ul aria-labelledby={`path-${p.id}-gap`} className="mt-1 space-y-1 text-sm">
                          {p.suggestions.map((r) => (
                            <li key={r.offering.id}>
                              {r.offering.url ? (
                                <a href={r.offering.url} className="text-sash-700 underline" rel="noopener noreferrer">
                                  {r.offering.title}
                                </a>
                              ) : (
                                r.offering.title
                              )}
                              <span className="text-stone-600">
                                {" "}
                                · {r.offering.provider} · covers {r.covers.map((s) => s.name).join(", ")} (step fit{" "}
                                {r.fitBefore}% → {r.fitAfter}%)
                              </span>
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                  </>
                )
              ) : null}
            </section>
          </li>
        ))}
      </ul>
    </main>
  );
}
