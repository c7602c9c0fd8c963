import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/app/components/BackLink";
import { requireUser } from "@/server/auth";
import { AddCredentialFlow } from "./AddCredentialFlow";

export const metadata: Metadata = { title: "Add credential" };

export default async function AddCredentialPage() {
  await requireUser("/wallet/add");
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <BackLink href="/wallet" className="mb-2">
        Back to your wallet
      </BackLink>
      <h1 className="mb-2 text-2xl font-bold">Add credential</h1>
      <p className="mb-6 text-stone-700">
        Upload the badge image your issuer gave you and Sash reads the details baked into it. You check them, add
        skills, and save.
      </p>
      <p className="mb-6 text-stone-700">
        Has your issuer given you an “Add to wallet” link or QR code?{" "}
        <Link href="/wallet/receive" className="underline">
          Receive a credential from an issuer
        </Link>
      </p>
      <AddCredentialFlow />
      <p className="mt-6 text-stone-700">
        Moving a whole wallet?{" "}
        <Link href="/wallet/import" className="underline">
          Import a Sash export (.zip)
        </Link>
      </p>
    </main>
  );
}
