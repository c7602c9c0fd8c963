"use client";
// Last resort when the root layout itself fails: a whole document of our own,
// with a reference instead of the error's text.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, background: "#fafaf9", color: "#1c1917" }}>
        <main style={{ maxWidth: "36rem", margin: "4rem auto", padding: "0 1rem" }}>
          <h1 style={{ fontSize: "1.5rem" }}>Sash couldn&apos;t show this page</h1>
          <p>Something went wrong{error.digest ? ` (reference ${error.digest})` : ""}. Please try again in a minute.</p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
