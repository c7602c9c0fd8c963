// GET (getCredentials) and POST (upsertCredential) /ims/clr/v2p0/credentials, server/ims.
import { route } from "@/server/http";
import { clr2Api, imsRouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(imsRouteOptions("ims.clr2.getCredentials"), async (req) => clr2Api.getCredentials(req));
export const POST = route(imsRouteOptions("ims.clr2.upsertCredential"), async (req) => clr2Api.upsertCredential(req));
export const PUT = route(imsRouteOptions("ims.clr2"), async (req) => clr2Api.notAllowed(req));
export const DELETE = route(imsRouteOptions("ims.clr2"), async (req) => clr2Api.notAllowed(req));
