// GET /ims/ob/v2p1/profile (getProfile), server/ims. postProfile is not offered (405).
import { route } from "@/server/http";
import { ob21Api, ob21RouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(ob21RouteOptions("ims.ob21.getProfile"), async (req) => ob21Api.getProfile(req));
export const POST = route(ob21RouteOptions("ims.ob21"), async (req) => ob21Api.notAllowed(req));
