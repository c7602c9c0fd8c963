"use client";
// Sash's own error page for anything that fails while rendering a page. The
// learner sees a reference (Next's digest, logged on the server with the details
// by instrumentation.ts), never the error's text; a database outage gets its own words.
import { useEffect, useState } from "react";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/errors";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    let live = true;
    fetch("/api/health", { cache: "no-store" })
      .then((r) => live && setDatabaseDown(r.status === 503))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [error]);
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      {databaseDown ? (
        <h1 className="text-2xl font-bold">{DATABASE_UNAVAILABLE_MESSAGE}</h1>
      ) : (
        <>
          <h1 className="text-2xl font-bold">Something went wrong</h1>
          <p className="mt-3 text-stone-700">
            Something went wrong{error.digest ? ` (reference ${error.digest})` : ""}. Please try again; if it keeps
            happening, quote the reference when you ask for help.
          </p>
        </>
      )}
      <p className="mt-6">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800"
        >
          Try again
        </button>
      </p>
    </main>
  );
}
