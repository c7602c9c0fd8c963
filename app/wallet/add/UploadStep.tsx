"use client";

// /wallet/add step 1: choose or drop a badge file, and the upload's progress.
import { useEffect, useRef, useState, type DragEvent } from "react";
import { Section } from "@/app/components/Section";
import { MAX_UPLOAD_SIZE_TEXT } from "@/lib/wallet/rules";
import type { Step } from "./flow-state";

export function UploadStep({
  step,
  busy,
  onFile,
}: {
  step: Step;
  busy: boolean;
  onFile: (f: File | null | undefined) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  // Paste an image anywhere on the page (outside text fields).
  useEffect(() => {
    function onPaste(e: ClipboardEvent) {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "file"))
      )
        return;
      const file = e.clipboardData?.files?.[0];
      if (file) {
        e.preventDefault();
        onFile(file);
      }
    }
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [onFile]);

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    onFile(e.dataTransfer.files?.[0]);
  }

  return (
    <Section
      headingId="upload-heading"
      title="Upload a file"
      className="flex flex-col gap-2"
      headingClassName="text-lg font-semibold"
    >
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col gap-2 rounded-lg border-2 border-dashed p-4 ${dragging ? "border-sash-700 bg-sash-50" : "border-stone-400 bg-white"}`}
      >
        <label htmlFor="badge-image" className="font-medium">
          Badge image
        </label>
        <p id="badge-image-hint" className="text-sm text-stone-600">
          PNG or SVG badge image, or a credential or learner record (CLR) as a .json or .jwt file, up to{" "}
          {MAX_UPLOAD_SIZE_TEXT}. Choose the file, drag and drop it here, or paste it.
        </p>
        <input
          ref={inputRef}
          id="badge-image"
          name="badge"
          type="file"
          accept="image/png,image/svg+xml,.png,.svg,application/json,.json,.jwt"
          aria-describedby="badge-image-hint"
          disabled={busy}
          onChange={(e) => {
            onFile(e.target.files?.[0]);
            e.target.value = "";
          }}
          className="max-w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-sash-700 file:px-3 file:py-2 file:font-medium file:text-white"
        />
      </div>
      <div aria-live="polite" className="min-h-6">
        {step.kind === "uploading" ? (
          <div className="flex flex-col gap-1">
            <progress max={100} value={step.progress} aria-label="Upload progress" className="h-2 w-full" />
            <p className="text-sm">
              {step.phase === "sending" ? `Uploading… ${step.progress}%` : "Reading the badge…"}
            </p>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
