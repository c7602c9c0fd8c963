import type { Metadata } from "next";
import { BackLink } from "@/app/components/BackLink";
import { requireUser } from "@/server/auth";
import { stagedDraftFor } from "@/server/oid4vci";
import { isLearnerErrorCode, LEARNER_WORDING } from "@/lib/errors";
import { ReceiveFlow } from "./ReceiveFlow";

export const metadata: Metadata = { title: "Receive a credential" };

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** An issuer's "Add to Sash" link (…/wallet/receive?credential_offer_uri=… or ?credential_offer=…) as an offer link. */
function offerFrom(sp: Search): string {
  for (const key of ["credential_offer_uri", "credential_offer"]) {
    const v = first(sp[key]);
    if (v) return `openid-credential-offer://?${key}=${encodeURIComponent(v)}`;
  }
  return "";
}

export default async function ReceivePage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const query = new URLSearchParams(
    Object.entries(sp).flatMap(([k, v]) => (v === undefined ? [] : [[k, first(v)] as [string, string]])),
  ).toString();
  const user = await requireUser(`/wallet/receive${query ? `?${query}` : ""}`);
  const stagedId = first(sp.staged);
  const draft = stagedId ? await stagedDraftFor(user, stagedId) : null;
  const code = first(sp.error);
  const problem = isLearnerErrorCode(code) ? { code, message: LEARNER_WORDING[code] } : null;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <BackLink href="/wallet" className="mb-2">
        Back to your wallet
      </BackLink>
      <h1 className="mb-2 text-2xl font-bold">Receive a credential</h1>
      <p className="mb-6 text-stone-700">
        Paste the “Add to wallet” link or credential offer your issuer gave you (OpenID for Verifiable Credential
        Issuance). Sash shows who offers what before anything is received; you check the credential and save it.
      </p>
      <ReceiveFlow initialOffer={offerFrom(sp)} initialDraft={draft} initialProblem={problem} />
    </main>
  );
}
