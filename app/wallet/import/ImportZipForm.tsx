"use client";
// Restore a "Download everything" ZIP (issue #13 §6): the raw file is POSTed to
// ./upload, which answers with what was added or a coded refusal.
import Link from "next/link";
import { useId, useState } from "react";

interface Summary {
  added: number;
  alreadyHeld: number;
  learnerRecords: number;
  checked: number;
}

type State =
  { kind: "idle" } | { kind: "busy" } | { kind: "done"; summary: Summary } | { kind: "error"; message: string };

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function ImportZipForm() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file) {
      setState({ kind: "error", message: "Choose the ZIP file you downloaded from Sash." });
      return;
    }
    setState({ kind: "busy" });
    try {
      const res = await fetch("/wallet/import/upload", {
        method: "POST",
        body: file,
        headers: { "content-type": "application/zip" },
      });
      const body = (await res.json()) as { ok: true; data: Summary } | { ok: false; message: string };
      setState(body.ok ? { kind: "done", summary: body.data } : { kind: "error", message: body.message });
    } catch {
      setState({ kind: "error", message: "Couldn't reach Sash. Check your connection and try again." });
    }
  }

  return (
    <form onSubmit={submit} className="rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <label htmlFor={`${id}-file`} className="font-medium">
        Sash export (.zip)
      </label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".zip,application/zip"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full text-sm"
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
        The file from “Download everything”. Credentials you already hold are skipped.
      </p>
      <button
        type="submit"
        disabled={state.kind === "busy"}
        className="mt-3 rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60"
      >
        {state.kind === "busy" ? "Importing…" : "Import"}
      </button>
      <div aria-live="polite" className="mt-3">
        {state.kind === "done" ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-2 text-green-900">
            Imported {plural(state.summary.added, "credential", "credentials")}
            {state.summary.learnerRecords
              ? ` (with ${plural(state.summary.learnerRecords, "learner record", "learner records")})`
              : ""}
            {state.summary.alreadyHeld ? `; ${state.summary.alreadyHeld} already in your wallet` : ""}.{" "}
            <Link href="/wallet" className="underline">
              Open your wallet
            </Link>
          </p>
        ) : null}
        {state.kind === "error" ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
