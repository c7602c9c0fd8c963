// /account's "Connected applications" (issue #22 §1): each application the learner let into their wallet through the
// Open Badges / CLR APIs, what it may do (in plain words) and when it last did, with "Disconnect", which revokes all
// its tokens at once (its next API call is refused).
import type { SessionUser } from "@/server/auth";
import { connectedApps } from "@/server/oauth";
import { DisconnectApp } from "./DisconnectApp";

const when = (d: Date) =>
  d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export async function ConnectedApps({ user }: { user: SessionUser }) {
  const apps = await connectedApps(user.id);
  return (
    <section aria-labelledby="apps-heading" className="mt-8">
      <h2 id="apps-heading" className="text-xl font-semibold">
        Connected applications
      </h2>
      <p className="mt-1 text-stone-700">
        Applications you allowed to use your wallet through the Open Badges and learner record APIs.
      </p>
      {apps.length === 0 ? (
        <p className="mt-3 text-stone-700">No application is connected.</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-3" aria-label="Connected applications">
          {apps.map((a) => (
            <li key={a.id} className="rounded border border-stone-200 bg-white p-3">
              <h3 className="font-semibold break-words">{a.name}</h3>
              <p className="text-sm break-all text-stone-700">{a.uri}</p>
              <p className="mt-2 font-medium">It may:</p>
              <ul className="list-disc pl-6">
                {a.scopes.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
              <p className="mt-2 text-sm text-stone-700">
                Connected {when(a.connectedAt)} · {a.lastUsedAt ? `last used ${when(a.lastUsedAt)}` : "not used yet"}
              </p>
              <DisconnectApp clientId={a.id} name={a.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
