// /admin (issue #21 §4): for the deployment's admins only (a verified address listed in
// SASH_ADMIN_EMAILS); everyone else, signed out included, gets the 404 page.
import { Section } from "@/app/components/Section";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { adminPageData } from "@/server/admin";
import {
  AddIssuerForm,
  AddRegistryFileForm,
  AddRegistryUrlForm,
  LearnerActions,
  RemoveIssuerButton,
} from "./AdminForms";
import { ImportsPanel } from "./ImportsPanel";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

const KIND_WORDS: Record<string, string> = {
  "registry-url": "Registry (URL)",
  "registry-file": "Registry (uploaded file)",
  issuer: "Issuer",
};

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : null;
  const data = await adminPageData(q);
  const c = data.counts;
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">Admin</h1>
      <p className="mt-1 text-stone-700">
        Signed in as {data.admin}. Every action here is written to the audit log below.
      </p>

      <Section headingId="counts-heading" title="Counts" className="mt-6">
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
          {[
            ["Learners", c.learners],
            ["Credentials", c.credentials.total],
            ["Verified", c.credentials.verified],
            ["Not verified", c.credentials["not-verified"]],
            ["Failed", c.credentials.failed],
            ["Imports in the last 7 days", c.importsLast7Days],
            ["Share links on", c.sharesOn],
          ].map(([label, value]) => (
            <div key={label} className="min-w-0 rounded border border-stone-200 bg-white p-3">
              <dt className="text-sm text-stone-700">{label}</dt>
              <dd className="text-2xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section headingId="imports-heading" title="Imports" className="mt-8">
        <p className="mt-1 text-stone-700">
          The same imports as the command line (<code>sash admin import …</code>); each shows its result as a table.
        </p>
        <ImportsPanel />
      </Section>

      <Section headingId="issuers-heading" title="Trusted issuers" className="mt-8">
        <p className="mt-1 text-stone-700">
          Registries and issuers this Sash treats as its own registry: a credential whose issuer is listed shows as a
          known issuer.
        </p>
        {data.issuers.length ? (
          <ul className="mt-3 flex flex-col gap-2" aria-label="Trusted issuers and registries">
            {data.issuers.map((i) => (
              <li
                key={i.id}
                className="flex flex-wrap items-start justify-between gap-2 rounded border border-stone-200 bg-white p-2"
              >
                <div className="min-w-0 break-all">
                  <p className="font-medium">{i.name}</p>
                  <p className="text-sm text-stone-700">
                    {KIND_WORDS[i.kind] ?? i.kind}
                    {i.url ? ` · ${i.url}` : ""}
                    {i.issuerId ? ` · ${i.issuerId}` : ""}
                  </p>
                </div>
                <RemoveIssuerButton id={i.id} name={i.name} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-stone-700">None added yet.</p>
        )}
        <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <FormCard headingId="add-registry-heading" title="Registry by URL">
            <AddRegistryUrlForm />
          </FormCard>
          <FormCard headingId="add-registry-file-heading" title="Registry file">
            <AddRegistryFileForm />
          </FormCard>
          <FormCard headingId="add-issuer-heading" title="One issuer">
            <AddIssuerForm />
          </FormCard>
        </div>
      </Section>

      <Section headingId="learners-heading" title="Learners" className="mt-8">
        <form method="get" action="/admin" className="mt-3 flex flex-wrap items-end gap-2" role="search">
          <div className="flex flex-col gap-1">
            <label htmlFor="learner-q" className="font-medium">
              Find by email
            </label>
            <input
              id="learner-q"
              name="q"
              type="search"
              defaultValue={q ?? ""}
              className="rounded border border-stone-400 bg-white px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800">
            Find
          </button>
        </form>
        {data.learners ? (
          data.learners.length ? (
            <ul className="mt-3 flex flex-col gap-2" aria-label="Learners found">
              {data.learners.map((l) => (
                <li
                  key={l.id}
                  className="flex flex-wrap items-start justify-between gap-3 rounded border border-stone-200 bg-white p-3"
                >
                  <div className="min-w-0 break-all">
                    <p className="font-medium">{l.email}</p>
                    <p className="text-sm text-stone-700">
                      {l.name} · {l.credentials} credential(s) · since {when(l.createdAt)} ·{" "}
                      {l.disabled ? "Disabled" : "Active"}
                    </p>
                  </div>
                  <LearnerActions id={l.id} email={l.email} disabled={l.disabled} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-stone-700">No learner has an address containing “{q}”.</p>
          )
        ) : null}
      </Section>

      <Section headingId="audit-heading" title="Audit log" className="mt-8">
        {data.audit.length ? (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">The latest 50 admin actions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="border-b border-stone-300 p-1 text-left">
                    When
                  </th>
                  <th scope="col" className="border-b border-stone-300 p-1 text-left">
                    Who
                  </th>
                  <th scope="col" className="border-b border-stone-300 p-1 text-left">
                    What
                  </th>
                  <th scope="col" className="border-b border-stone-300 p-1 text-left">
                    Learner
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.audit.map((a) => (
                  <tr key={a.id}>
                    <td className="border-b border-stone-200 p-1 whitespace-nowrap">{when(a.at)}</td>
                    <td className="border-b border-stone-200 p-1 break-all">{a.actor}</td>
                    <td className="border-b border-stone-200 p-1">{a.summary}</td>
                    <td className="border-b border-stone-200 p-1 break-all">{a.targetEmail ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-3 text-stone-700">No admin actions yet.</p>
        )}
      </Section>
    </main>
  );
}

/** One of the trusted-issuer forms: a card named by its own h3 heading. */
function FormCard({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded border border-stone-200 bg-white p-3">
      <h3 id={headingId} className="font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}
