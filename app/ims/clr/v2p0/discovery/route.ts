// GET /ims/clr/v2p0/discovery: the ServiceDescriptionDocument (unprotected), server/ims.
import { route } from "@/server/http";
import { clr2Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.clr2.discovery"), async (req) => clr2Api.discovery(req));
