// Is the database answering? 200 or 503, for load balancers and for the error page.
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { markDatabaseDown, probeDatabase } from "@/server/db-health";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", sameOrigin: false, where: "health" }, async () => {
  const ok = await probeDatabase();
  if (!ok) markDatabaseDown();
  return new Response(
    JSON.stringify(
      ok ? { ok: true } : { ok: false, code: "DATABASE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE },
    ),
    {
      status: ok ? 200 : 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
});
