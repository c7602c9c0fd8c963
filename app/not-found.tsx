import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-3 text-stone-700">This page doesn&apos;t exist, or the link has been turned off by its owner.</p>
      <p className="mt-6">
        <Link className="underline" href="/">
          Go to Sash
        </Link>
      </p>
    </main>
  );
}
