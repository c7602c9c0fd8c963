// Is the database answering? 200 or 503, for load balancers and for the error page.
import { healthResponse } from "@/server/db-health";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", sameOrigin: false, where: "health" }, () => healthResponse());
