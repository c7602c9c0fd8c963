// POST an import from /admin (issue #21 §4): multipart form data with `kind` (jobs | courses | pathways |
// skills | site), `file` (or `url` for site), `format` for skills and an optional `source`. Answers the
// CLI's JSON result object. 404 for anyone but an admin, signed out included.
import { adminImport, assertAdmin, IMPORT_KINDS, type ImportRequest } from "@/server/admin";
import { jsonError, jsonResponse, route } from "@/server/http";

export const dynamic = "force-dynamic";

const MAX_BYTES = 256 * 1024 * 1024;
const notFound = () => jsonError(404, "NOT_FOUND", "Not found.");

export const POST = route(
  { auth: "learner", sameOrigin: true, where: "admin import", unauthenticated: notFound },
  async (req) => {
    await assertAdmin();
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES)
      return jsonError(413, "FILE_TOO_LARGE", "This file is larger than an import may be (256 MB).");
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      return jsonError(400, "UPLOAD_FAILED", "The upload didn't finish. Please try again.");
    }
    const kind = String(form.get("kind") ?? "");
    if (!IMPORT_KINDS.includes(kind as ImportRequest["kind"]))
      return jsonError(400, "INVALID_INPUT", "Choose what to import.");
    const source = typeof form.get("source") === "string" ? String(form.get("source")) : undefined;
    let request: ImportRequest;
    if (kind === "site") {
      const url = String(form.get("url") ?? "").trim();
      if (!/^https?:\/\//i.test(url))
        return jsonError(400, "INVALID_INPUT", "Enter the sitemap or careers page address (https://…).");
      request = { kind: "site", url, source };
    } else {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0)
        return jsonError(400, "INVALID_INPUT", "Choose a file to import.");
      if (kind === "skills") {
        request = {
          kind: "skills",
          format: String(form.get("format") ?? ""),
          fileName: file.name,
          content: new Uint8Array(await file.arrayBuffer()),
        };
      } else if (kind === "jobs") {
        request = { kind: "jobs", fileName: file.name, content: await file.text(), source };
      } else {
        request = { kind: kind as "courses" | "pathways", fileName: file.name, content: await file.text() };
      }
    }
    return jsonResponse(200, await adminImport(request));
  },
);
