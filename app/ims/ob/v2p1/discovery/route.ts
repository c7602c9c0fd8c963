// GET /ims/ob/v2p1/discovery: the Badge Connect Manifest (also at /.well-known/badgeconnect.json), server/ims.
import { route } from "@/server/http";
import { ob21Api, ob21RouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(ob21RouteOptions("ims.ob21.discovery"), async (req) => ob21Api.discovery(req));
