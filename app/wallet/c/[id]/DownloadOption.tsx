"use client";
// Issue #11 §5: the learner decides whether the share page's "Download badge"
// may hand out the issuer's file, which shows the address it was issued to.
import { useState, useTransition } from "react";
import { setDownloadShowsAddressAction } from "./download-actions";

export function DownloadOption({ credentialId, initial }: { credentialId: string; initial: boolean }) {
  const [on, setOn] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function change(next: boolean) {
    setOn(next);
    setError(null);
    start(async () => {
      const fd = new FormData();
      fd.set("credentialId", credentialId);
      fd.set("on", String(next));
      const res = await setDownloadShowsAddressAction(null, fd);
      if (res.ok) setOn(res.data.on);
      else {
        setOn(!next);
        setError(res.message);
      }
    });
  }
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={on}
          disabled={pending}
          onChange={(e) => change(e.currentTarget.checked)}
        />
        <span>The downloaded file shows the address it was issued to</span>
      </label>
      <p className="text-sm text-stone-700">
        Off: &ldquo;Download badge&rdquo; on your share page gives the picture only. On: it gives the issuer&apos;s
        original file, whose badge data shows the email address it was issued to.
      </p>
      {error ? <p className="text-sm text-red-800">{error}</p> : null}
    </div>
  );
}
