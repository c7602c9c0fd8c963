import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth";

export default async function Home() {
  if (await getCurrentUser()) redirect("/wallet");
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold text-sash-800">Wear your badges with pride</h1>
      <p className="mt-4 text-lg text-stone-700">
        Scouts wear their merit badges on a sash. Learners keep theirs in Sash: upload the badge images you earned on
        Credly, Badgr, Open Badge Factory or any Open Badges issuer, and Sash reads the credential baked into them,
        checks it, and gives you a link anyone can open to verify it.
      </p>
      <ul className="mt-6 list-disc space-y-1 pl-6 text-stone-700">
        <li>Open Badges 1.0, 2.0 and 3.0 in PNG and SVG images, signed or hosted</li>
        <li>A public, verifiable share page for every credential</li>
        <li>Opportunity Fit: see how your skills match real jobs and what would close the gap</li>
      </ul>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/sign-up" className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800">
          Create account
        </Link>
        <Link
          href="/sign-in"
          className="rounded border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
        >
          Sign in
        </Link>
      </div>
    </main>
  );
}
