// Small helpers shared by /wallet/add's components.
import type { FormEvent } from "react";
import type { DuplicateRef } from "@/lib/wallet/types";

export const SECONDARY_BUTTON =
  "rounded border border-stone-400 bg-white px-3 py-2 font-medium hover:bg-stone-100 disabled:opacity-60";

/** A text form's submit handler: passes the named field on when it isn't blank (the browser stays on the page). */
export function onTextSubmit(field: string, use: (value: string) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = new FormData(e.currentTarget).get(field);
    if (typeof v === "string" && v.trim()) use(v);
  };
}

/** Where the wallet's copy of a duplicate lives: a learner record's page or a credential's. */
export function duplicateHref(d: DuplicateRef): string {
  return d.kind === "record" ? `/wallet/r/${d.id}` : `/wallet/c/${d.id}`;
}

export function fd(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}
