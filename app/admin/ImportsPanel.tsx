"use client";
// /admin's imports (issue #21 §4): each a labelled file input (or URL) and an "Import" button, the upload's
// progress, and the CLI's JSON result shown as a table.
import { useState, type FormEvent } from "react";

type Result = Record<string, unknown> & { ok?: boolean; code?: string; message?: string };

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function ResultTable({ result, caption }: { result: Result; caption: string }) {
  const rows = Object.entries(result).filter(([k]) => k !== "errors");
  const errors = Array.isArray(result.errors) ? (result.errors as Array<Record<string, unknown>>) : [];
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b border-stone-300 p-1 text-left">
              Field
            </th>
            <th scope="col" className="border-b border-stone-300 p-1 text-left">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row" className="border-b border-stone-200 p-1 text-left font-normal">
                {k}
              </th>
              <td className="border-b border-stone-200 p-1 break-all">{cell(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length ? (
        <table className="mt-2 min-w-full border-collapse text-sm">
          <caption className="text-left font-medium">Records not imported</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-stone-300 p-1 text-left">
                Record
              </th>
              <th scope="col" className="border-b border-stone-300 p-1 text-left">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td className="border-b border-stone-200 p-1">{cell(e.record ?? e.url)}</td>
                <td className="border-b border-stone-200 p-1">{cell(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ImportForm({
  kind,
  title,
  label,
  hint,
  accept,
  withFormat,
  url,
}: {
  kind: string;
  title: string;
  label: string;
  hint: string;
  accept?: string;
  withFormat?: boolean;
  url?: boolean;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `import-${kind}`;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    fd.set("kind", kind);
    setBusy(true);
    setResult(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/admin/import");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => {
      setBusy(false);
      setProgress(null);
      try {
        setResult(JSON.parse(xhr.responseText) as Result);
      } catch {
        setResult({ ok: false, message: `The server answered ${xhr.status}.` });
      }
    };
    xhr.onerror = () => {
      setBusy(false);
      setProgress(null);
      setResult({ ok: false, message: "Couldn't reach Sash. Check your connection and try again." });
    };
    xhr.send(fd);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0 rounded border border-stone-200 bg-white p-3">
      <h3 id={`${id}-heading`} className="font-semibold">
        {title}
      </h3>
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-2" aria-labelledby={`${id}-heading`}>
        <label htmlFor={`${id}-input`} className="font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-stone-700">
          {hint}
        </p>
        {url ? (
          <input
            id={`${id}-input`}
            name="url"
            type="url"
            required
            aria-describedby={`${id}-hint`}
            className="w-full min-w-0 rounded border border-stone-400 p-2"
          />
        ) : (
          <input
            id={`${id}-input`}
            name="file"
            type="file"
            required
            accept={accept}
            aria-describedby={`${id}-hint`}
            className="w-full min-w-0 text-sm"
          />
        )}
        {withFormat ? (
          <>
            <label htmlFor={`${id}-format`} className="font-medium">
              Format
            </label>
            <select id={`${id}-format`} name="format" required className="rounded border border-stone-400 p-2">
              <option value="esco">ESCO (CSV)</option>
              <option value="onet">O*NET (text)</option>
              <option value="lightcast">Lightcast (JSON)</option>
            </select>
          </>
        ) : null}
        <div>
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60"
          >
            Import
          </button>
        </div>
        {progress !== null ? (
          <progress max={100} value={progress} aria-label={`${title}: upload progress`} className="w-full">
            {progress}%
          </progress>
        ) : null}
      </form>
      <div aria-live="polite">
        {result ? (
          result.ok === false && !("inserted" in result) && !("error" in result) ? (
            <p role="alert" className="mt-2 text-red-800">
              {result.message ?? "The import failed."}
            </p>
          ) : (
            <ResultTable result={result} caption={`${title}: result`} />
          )
        ) : null}
      </div>
    </section>
  );
}

export function ImportsPanel() {
  return (
    <div className="mt-3 grid grid-cols-1 gap-4">
      <ImportForm
        kind="jobs"
        title="Job postings"
        label="Job postings file"
        hint="schema.org JobPosting JSON-LD (.json, .jsonld) or CSV. Importing the same file again updates the postings."
        accept=".json,.jsonld,.csv,application/json,application/ld+json,text/csv"
      />
      <ImportForm
        kind="courses"
        title="Courses"
        label="Courses file"
        hint="A JSON array of courses: id, title, provider, kind (course or credential), length, cost, url, description, skills."
        accept=".json,application/json"
      />
      <ImportForm
        kind="pathways"
        title="Pathways"
        label="Pathways file"
        hint="A JSON array of pathways: id, title, description, steps (role, description, skills)."
        accept=".json,application/json"
      />
      <ImportForm
        kind="skills"
        title="Skills"
        label="Skills file"
        hint="A skills taxonomy: ESCO CSV, O*NET text or Lightcast JSON. Custom skills that now match are re-linked."
        withFormat
      />
      <ImportForm
        kind="site"
        title="Job postings from a website"
        label="Sitemap or careers page URL"
        hint="Sash reads the JobPosting data of the pages a sitemap lists or a careers page links to (same site only)."
        url
      />
    </div>
  );
}
