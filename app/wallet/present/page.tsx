import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/server/auth";
import { presentationPageFor } from "@/server/presentation";

export const metadata: Metadata = { title: "Present credentials" };

const ERRORS: Record<string, string> = {
  PRESENTATION_EMPTY: "Choose at least one credential to present.",
  PRESENTATION_TOO_LARGE: "That's more credentials than one presentation can hold. Choose fewer.",
  PRESENTATION_NOT_PRESENTABLE: "One of the chosen credentials can't be presented. Choose from the list below.",
  NOT_FOUND: "One of the chosen credentials isn't in your wallet any more.",
  FORBIDDEN: "That request didn't come from this page. Please try again.",
};

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export default async function PresentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/wallet/present");
  const sp = await searchParams;
  const errorCode = typeof sp.error === "string" ? sp.error : "";
  const error = errorCode ? (ERRORS[errorCode] ?? "Sash couldn't make the presentation. Please try again.") : null;
  const { credentials, holder } = await presentationPageFor(user);
  const presentable = credentials.filter((c) => c.notPresentable === null);
  const others = credentials.filter((c) => c.notPresentable !== null);

  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <p>
        <Link href="/wallet" className="text-sash-800 underline">
          Back to your wallet
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Present credentials</h1>
      <p className="mt-2 text-stone-700">
        Pick credentials and download them as one W3C Verifiable Presentation: a file holding each credential exactly as
        its issuer signed it, signed in turn with your own key, so a verifier can check both who issued each credential
        and that you are the one presenting them.
      </p>
      {holder ? (
        <p className="mt-2 break-all text-sm text-stone-700">
          Your key: <code>{holder}</code>
        </p>
      ) : (
        <p className="mt-2 text-sm text-stone-700">Sash makes your key the first time you download a presentation.</p>
      )}
      {error ? (
        <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-2 text-red-900">
          {error}
        </p>
      ) : null}

      {presentable.length ? (
        <form method="post" action="/wallet/present/download" className="mt-6">
          <fieldset className="rounded-lg border border-stone-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold">Credentials to present</legend>
            <ul className="mt-2 space-y-2">
              {presentable.map((c) => (
                <li key={c.id}>
                  <label className="flex items-start gap-3">
                    <input type="checkbox" name="credential" value={c.id} className="mt-1 h-5 w-5 shrink-0" />
                    <span className="min-w-0 break-words">
                      <span className="font-medium">{c.title}</span>
                      {c.issuerName ? <span className="text-stone-700"> — {c.issuerName}</span> : null}
                      {c.issuedOn ? (
                        <span className="block text-sm text-stone-700">Issued {dateFormat.format(c.issuedOn)}</span>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button
            type="submit"
            className="mt-4 rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sash-700 focus-visible:ring-offset-2"
          >
            Download presentation
          </button>
        </form>
      ) : (
        <p className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
          None of your credentials can be presented yet: a presentation carries Open Badges 3.0 and CLR credentials
          signed by their issuer.
        </p>
      )}

      {others.length ? (
        <section aria-labelledby="not-presentable" className="mt-8">
          <h2 id="not-presentable" className="text-lg font-semibold">
            Can&apos;t be presented
          </h2>
          <ul className="mt-2 space-y-2">
            {others.map((c) => (
              <li key={c.id} className="break-words rounded border border-stone-200 bg-white p-3">
                <span className="font-medium">{c.title}</span>
                <span className="block text-sm text-stone-700">{c.notPresentable}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
