import type { Metadata } from "next";
import { BackLink } from "@/app/components/BackLink";
import { requireUser } from "@/server/auth";
import { ImportZipForm } from "./ImportZipForm";

export const metadata: Metadata = { title: "Import a Sash export" };

export default async function ImportPage() {
  await requireUser("/wallet/import");
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <BackLink href="/wallet/add" className="mb-2">
        Back to Add credential
      </BackLink>
      <h1 className="mb-2 text-2xl font-bold">Import a Sash export</h1>
      <p className="mb-6 text-stone-700">
        Bring a whole wallet across: upload the ZIP that “Download everything” gave you, and Sash adds each credential,
        learner record, your own titles, notes and skills, and your sharing choices (with new share links). Each
        credential is read from its original file and checked again.
      </p>
      <ImportZipForm />
    </main>
  );
}
