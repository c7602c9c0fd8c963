import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/server/auth";
import { CheckPosting } from "./CheckPosting";

export const metadata: Metadata = { title: "Check a job posting" };

export default async function CheckPostingPage() {
  await requireUser("/jobs/check");
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p>
        <Link href="/jobs" className="text-sm underline">
          ← All jobs
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Check a job posting</h1>
      <p className="mt-2 max-w-3xl text-stone-700">
        Found a job somewhere else? Give Sash its web address or paste its text to see your Opportunity Fit, the skills
        you have and the ones to gain. Sash only reads the posting: it isn&apos;t saved or added to the jobs list.
      </p>
      <CheckPosting />
    </main>
  );
}
