// GET /ims/ob/v3p0/discovery: the ServiceDescriptionDocument (unprotected), server/ims.
import { route } from "@/server/http";
import { ob3Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.ob3.discovery"), async (req) => ob3Api.discovery(req));
