// GET (getProfile) and PUT (putProfile) /ims/clr/v2p0/profile, server/ims.
import { route } from "@/server/http";
import { clr2Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.clr2.getProfile"), async (req) => clr2Api.getProfile(req));
export const PUT = route(imsRouteOptions("ims.clr2.putProfile"), async (req) => clr2Api.putProfile(req));
export const POST = route(imsRouteOptions("ims.clr2"), async (req) => clr2Api.notAllowed(req));
export const DELETE = route(imsRouteOptions("ims.clr2"), async (req) => clr2Api.notAllowed(req));
