// "Download everything" (issue #13 §6): the signed-in learner's wallet as one ZIP.
import { getDb } from "@/server/db";
import { exportWalletZip } from "@/server/portfolio";
import { route } from "@/server/http";
import { publicOrigin } from "@/server/request";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    auth: "learner",
    sameOrigin: false,
    where: "export",
    errors: "page",
    unauthenticated: () => Response.redirect(new URL("/sign-in?callbackUrl=%2Frecord", publicOrigin()), 303),
  },
  async (_req, { user }) => {
    const { zip, filename } = await exportWalletZip(await getDb(), user.id);
    return new Response(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength) as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Content-Length": String(zip.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
