// GET (getCredentials) and POST (upsertCredential) /ims/ob/v3p0/credentials, server/ims.
import { route } from "@/server/http";
import { ob3Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.ob3.getCredentials"), async (req) => ob3Api.getCredentials(req));
export const POST = route(imsRouteOptions("ims.ob3.upsertCredential"), async (req) => ob3Api.upsertCredential(req));
export const PUT = route(imsRouteOptions("ims.ob3"), async (req) => ob3Api.notAllowed(req));
export const DELETE = route(imsRouteOptions("ims.ob3"), async (req) => ob3Api.notAllowed(req));
