// GET (getProfile) and PUT (putProfile) /ims/ob/v3p0/profile, server/ims.
import { route } from "@/server/http";
import { ob3Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.ob3.getProfile"), async (req) => ob3Api.getProfile(req));
export const PUT = route(imsRouteOptions("ims.ob3.putProfile"), async (req) => ob3Api.putProfile(req));
export const POST = route(imsRouteOptions("ims.ob3"), async (req) => ob3Api.notAllowed(req));
export const DELETE = route(imsRouteOptions("ims.ob3"), async (req) => ob3Api.notAllowed(req));
