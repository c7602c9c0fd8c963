import type { Metadata } from "next";
import { BackLink } from "@/app/components/BackLink";
import { notFound } from "next/navigation";
import { requireUser } from "@/server/auth";
import { credentialFor } from "@/server/wallet";
import { EditCredentialForm } from "./EditCredentialForm";

export const metadata: Metadata = { title: "Edit credential" };

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/wallet/c/${encodeURIComponent(id)}/edit`);
  const c = await credentialFor(user, id);
  if (!c) notFound();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <BackLink href={`/wallet/c/${c.id}`}>Back to the credential</BackLink>
      <h1 className="mb-4 text-2xl font-bold">Edit credential</h1>
      <EditCredentialForm id={c.id} title={c.title} description={c.description} skills={c.skills} />
    </main>
  );
}
