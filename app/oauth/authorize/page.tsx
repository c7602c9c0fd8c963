// GET /oauth/authorize (issue #22 §1): the authorization endpoint. A request Sash can't send back to the client (an
// unknown client, a redirect URI it didn't register) gets this error page; any other fault goes back to the client as
// `error=…` (server/oauth/authorize.ts). A signed-out learner signs in and comes back here; then they see who is
// asking, for what, and answer with "Allow" or "Deny".
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { learnerWording } from "@/lib/errors";
import { requireUser } from "@/server/auth";
import { checkAuthorizationRequest } from "@/server/oauth";
import { Consent } from "./Consent";

export const metadata: Metadata = { title: "Connect an application" };
export const dynamic = "force-dynamic";

const PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

export default async function AuthorizePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const params: Record<string, string | null> = {};
  const query = new URLSearchParams();
  for (const k of PARAMS) {
    const v = sp[k];
    params[k] = typeof v === "string" ? v : null;
    if (typeof v === "string") query.set(k, v);
  }
  const check = await checkAuthorizationRequest(params);
  if (check.kind === "error-page") {
    return (
      <main className="mx-auto max-w-xl px-4 py-8">
        <h1 className="text-2xl font-bold">This application can&apos;t connect</h1>
        <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {learnerWording(check.code)}
        </p>
      </main>
    );
  }
  if (check.kind === "redirect") redirect(check.location);
  await requireUser(`/oauth/authorize?${query.toString()}`);
  const { client, scopes } = check;
  return (
    <main className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-2xl font-bold">Connect {client.name} to your wallet?</h1>
      <section aria-labelledby="client-heading" className="mt-6 rounded border border-stone-200 bg-white p-4">
        <h2 id="client-heading" className="text-lg font-semibold">
          Who is asking
        </h2>
        <div className="mt-2 flex items-start gap-3">
          {client.logoUri?.startsWith("https:") ? (
            // eslint-disable-next-line @next/next/no-img-element -- another origin's logo, shown as it is
            <img
              src={client.logoUri}
              alt=""
              width={48}
              height={48}
              referrerPolicy="no-referrer"
              className="h-12 w-12 shrink-0 object-contain"
            />
          ) : null}
          <dl className="min-w-0 break-words">
            <dt className="font-medium">Name</dt>
            <dd>{client.name}</dd>
            <dt className="mt-2 font-medium">Website</dt>
            <dd>
              <a href={client.clientUri} rel="noopener noreferrer" className="text-sash-700 underline">
                {client.clientUri}
              </a>
            </dd>
            {client.tosUri ? (
              <>
                <dt className="mt-2 font-medium">Terms of service</dt>
                <dd>
                  <a href={client.tosUri} rel="noopener noreferrer" className="text-sash-700 underline">
                    {client.tosUri}
                  </a>
                </dd>
              </>
            ) : null}
            {client.policyUri ? (
              <>
                <dt className="mt-2 font-medium">Privacy policy</dt>
                <dd>
                  <a href={client.policyUri} rel="noopener noreferrer" className="text-sash-700 underline">
                    {client.policyUri}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <p className="mt-3 text-sm text-stone-700">
          The application named itself: Sash has not checked who runs it. After you answer, you go back to{" "}
          <span className="break-all">{new URL(check.redirectUri).origin}</span>.
        </p>
      </section>
      <section aria-labelledby="scopes-heading" className="mt-6">
        <h2 id="scopes-heading" className="text-lg font-semibold">
          It asks to
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {scopes.map((s) => (
            <li key={s.uri}>{s.words}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-stone-700">
          You can disconnect it at any time under Account, Connected applications.
        </p>
      </section>
      <Consent request={Object.fromEntries(query.entries())} clientName={client.name} />
    </main>
  );
}
