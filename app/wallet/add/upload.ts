// The badge file's upload: raw bytes to ./upload/route.ts by XMLHttpRequest, so the page can show progress.
import { importProblem } from "@/lib/wallet/messages";
import type { UploadAnswer } from "./flow-state";

export function uploadFile(file: File, onProgress: (percent: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/wallet/add/upload");
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as UploadAnswer);
      } catch {
        const code = xhr.status === 413 ? "PAYLOAD_TOO_LARGE" : xhr.status === 401 ? "UNAUTHENTICATED" : "INTERNAL";
        resolve({ ok: false, code, message: importProblem(code).message });
      }
    };
    xhr.onerror = () => resolve({ ok: false, code: "UPLOAD_FAILED", message: importProblem("UPLOAD_FAILED").message });
    xhr.onabort = xhr.onerror;
    xhr.send(file);
  });
}
