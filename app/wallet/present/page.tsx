import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/server/auth";
import { presentationPageFor } from "@/server/presentation";
import { continueLinkFor, openVerifierRequest, verifierLinkFrom, type VerifierRequestView } from "@/server/oid4vp";
import { isAppError, learnerWording } from "@/lib/errors";

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
  const sp = await searchParams;
  // A verifier's link (OpenID4VP, issue #22 §3) opens this page pre-filled; signed-out learners come back to it.
  const verifierLink = verifierLinkFrom(sp);
  const query = new URLSearchParams(
    Object.entries(sp).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const user = await requireUser(verifierLink ? `/wallet/present?${query}` : "/wallet/present");
  const errorCode = typeof sp.error === "string" ? sp.error : "";
  let error = errorCode
    ? (ERRORS[errorCode] ?? learnerWording(errorCode) ?? "Sash couldn't make the presentation. Please try again.")
    : null;
  let verifier: VerifierRequestView | null = null;
  if (verifierLink) {
    try {
      verifier = await openVerifierRequest(user, verifierLink);
    } catch (e) {
      const code = isAppError(e) ? e.code : "";
      error = learnerWording(code) ?? "Sash couldn't open the verifier's request. Nothing was sent.";
    }
  }
  const answered =
    sp.answered === "shared"
      ? "Shared: the verifier received your presentation."
      : sp.answered === "declined"
        ? "Declined: Sash told the verifier you didn't share anything."
        : null;
  const continueTo = answered && typeof sp.next === "string" ? continueLinkFor(user, sp.next) : null;
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

      {answered ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-2 text-green-900">
          {answered}
          {continueTo ? (
            <>
              {" "}
              <a href={continueTo} className="break-all underline">
                Continue to the verifier
              </a>
            </>
          ) : null}
        </p>
      ) : null}

      <section aria-labelledby="verifier-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="verifier-heading" className="text-lg font-semibold">
          Answer a verifier
        </h2>
        <form method="get" action="/wallet/present" className="mt-2">
          <label htmlFor="verifier-link" className="block font-medium">
            Verifier&apos;s request
          </label>
          <p id="verifier-link-hint" className="text-sm text-stone-700">
            The openid4vp:// or https link (or QR code text) a verifier gave you. Nothing is sent until you choose
            Share.
          </p>
          <input
            id="verifier-link"
            name="link"
            type="text"
            defaultValue={verifierLink ?? ""}
            aria-describedby="verifier-link-hint"
            className="mt-1 w-full rounded border border-stone-400 px-2 py-1"
          />
          <button
            type="submit"
            className="mt-2 rounded border border-sash-700 px-4 py-2 font-medium text-sash-800 hover:bg-sash-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sash-700"
          >
            Open request
          </button>
        </form>
        {verifier ? <VerifierRequest view={verifier} /> : null}
      </section>

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

function VerifierRequest({ view }: { view: VerifierRequestView }) {
  return (
    <div className="mt-4 border-t border-stone-200 pt-4">
      <h3 className="font-semibold">Who is asking</h3>
      <p className="mt-1 break-words text-stone-800">{view.trust}</p>
      <p className="mt-1 break-all text-sm text-stone-700">
        Client identifier ({view.prefix}): <code>{view.vouchedBy}</code>
      </p>
      {view.clientName ? (
        <p className="mt-1 break-words text-sm text-stone-700">
          The verifier calls itself “{view.clientName}” (their own claim, not checked by Sash).
        </p>
      ) : null}
      {view.purpose ? <p className="mt-1 break-words text-sm text-stone-700">Their purpose: {view.purpose}</p> : null}
      {view.satisfiable ? (
        <form method="post" action="/wallet/present/oid4vp" className="mt-4">
          <input type="hidden" name="sealed" value={view.sealed} />
          {view.queries.map((q) => (
            <fieldset key={q.id} className="mt-3 rounded border border-stone-200 p-3">
              <legend className="px-1 font-medium">They ask for: {q.kind}</legend>
              {q.claims.length ? (
                <p className="break-words text-sm text-stone-700">Details they ask to see: {q.claims.join("; ")}</p>
              ) : null}
              {q.candidates.length ? (
                <ul className="mt-2 space-y-2">
                  {q.candidates.map((c, i) => (
                    <li key={c.id}>
                      <label className="flex items-start gap-3">
                        <input
                          type="radio"
                          name={`pick:${q.id}`}
                          value={c.id}
                          defaultChecked={i === 0}
                          className="mt-1 h-5 w-5 shrink-0"
                        />
                        <span className="min-w-0 break-words">
                          <span className="font-medium">{c.title}</span>
                          {c.issuerName ? <span className="text-stone-700"> — {c.issuerName}</span> : null}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-sm text-stone-700">None of your credentials matches this one.</p>
              )}
            </fieldset>
          ))}
          <div className="mt-4 flex flex-wrap gap-3">
            <button
              type="submit"
              name="action"
              value="share"
              className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sash-700 focus-visible:ring-offset-2"
            >
              Share
            </button>
            <button
              type="submit"
              name="action"
              value="decline"
              className="rounded border border-stone-500 px-4 py-2 font-medium text-stone-900 hover:bg-stone-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sash-700"
            >
              Decline
            </button>
          </div>
        </form>
      ) : (
        <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-2 text-red-900">
          None of your credentials matches what the verifier asks for. Sash told the verifier that nothing was shared.
        </p>
      )}
    </div>
  );
}
