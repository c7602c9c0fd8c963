// A form's main button, greyed out while its action runs.
import type { ReactNode } from "react";

export function SubmitButton({ disabled, children }: { disabled?: boolean; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={disabled}
      className="rounded bg-sash-700 px-4 py-2 font-medium text-white hover:bg-sash-800 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
