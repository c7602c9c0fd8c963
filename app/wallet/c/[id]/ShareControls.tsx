"use client";
// Share-link controls on the credential page (issue #7 §1): the link, a copy
// button, on/off, a new link, and opt-in search indexing. Controlled state and
// direct action calls (not <form action>), so a failure never resets the inputs.
import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/server/actions";
import {
  regenerateShareLinkAction,
  setShareEnabledAction,
  setShareIndexableAction,
  type ShareState,
} from "./share-actions";

export interface ShareControlsProps {
  credentialId: string;
  /** Full URL from `shareUrl(slug)` (server/share/origin.ts). */
  shareUrl: string;
  enabled: boolean;
  indexable: boolean;
}

type Action = (prev: ActionResult<ShareState> | null, fd: FormData) => Promise<ActionResult<ShareState>>;

export function ShareControls({ credentialId, shareUrl, enabled, indexable }: ShareControlsProps) {
  const [state, setState] = useState<ShareState>({ url: shareUrl, enabled, indexable });
  const [status, setStatus] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  function run(
    action: Action,
    fields: Record<string, string>,
    optimistic: Partial<ShareState>,
    done: (s: ShareState) => string,
  ) {
    const before = state;
    setState({ ...state, ...optimistic });
    setError(null);
    setStatus("");
    startTransition(async () => {
      const fd = new FormData();
      fd.set("credentialId", credentialId);
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      let res: ActionResult<ShareState>;
      try {
        res = await action(null, fd);
      } catch {
        res = { ok: false, code: "NETWORK", message: "Couldn't reach Sash. Check your connection and try again." };
      }
      if (res.ok) {
        setState(res.data);
        setStatus(done(res.data));
      } else {
        setState(before);
        setError(res.message);
      }
    });
  }

  async function copy() {
    setError(null);
    try {
      await navigator.clipboard.writeText(state.url);
      setStatus("Link copied.");
    } catch {
      inputRef.current?.select();
      setStatus("Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Share
      </h2>
      <div className="mt-3 flex flex-col gap-1">
        <label htmlFor={`${id}-url`} className="font-medium">
          Share link
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            ref={inputRef}
            id={`${id}-url`}
            type="text"
            readOnly
            value={state.url}
            onFocus={(e) => e.currentTarget.select()}
            aria-describedby={`${id}-url-hint`}
            className="min-w-0 flex-1 rounded border border-stone-400 bg-stone-50 px-3 py-2 font-mono text-sm"
          />
          <button
            type="button"
            onClick={copy}
            className="rounded border border-sash-700 px-3 py-2 font-medium text-sash-700 hover:bg-sash-50"
          >
            Copy link
          </button>
        </div>
        <p id={`${id}-url-hint`} className="text-sm text-stone-600">
          {state.enabled ? (
            <>
              Anyone with this link can see this credential.{" "}
              <a href={state.url} target="_blank" rel="noopener" className="underline">
                Open the public page
              </a>
            </>
          ) : (
            "The link is turned off: it shows “not found” to everyone."
          )}
        </p>
      </div>

      <div className="mt-4 flex flex-col gap-3">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={state.enabled}
            disabled={pending}
            onChange={(e) =>
              run(setShareEnabledAction, { enabled: String(e.target.checked) }, { enabled: e.target.checked }, (s) =>
                s.enabled ? "Share link turned on." : "Share link turned off.",
              )
            }
            className="mt-1 h-4 w-4"
          />
          <span>Share link enabled</span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={state.indexable}
            disabled={pending}
            aria-describedby={`${id}-index-hint`}
            onChange={(e) =>
              run(
                setShareIndexableAction,
                { indexable: String(e.target.checked) },
                { indexable: e.target.checked },
                (s) =>
                  s.indexable
                    ? "Search engines may now list this page."
                    : "Search engines are asked not to list this page.",
              )
            }
            className="mt-1 h-4 w-4"
          />
          <span>
            Allow search engines to index this page
            <span id={`${id}-index-hint`} className="block text-sm text-stone-600">
              Off by default: the page is marked “noindex”.
            </span>
          </span>
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(regenerateShareLinkAction, {}, {}, () => "New link created. The old link no longer works.")
            }
            aria-describedby={`${id}-new-hint`}
            className="rounded border border-stone-400 px-3 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
          >
            New link
          </button>
          <span id={`${id}-new-hint`} className="text-sm text-stone-600">
            Replaces the link; anyone holding the old one loses access.
          </span>
        </div>
      </div>

      <p role="status" aria-live="polite" className="mt-3 text-sm text-sash-700">
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-1 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {error}
        </p>
      ) : null}
    </section>
  );
}
