// GET (getAssertions) and POST (postAssertion) /ims/ob/v2p1/assertions, the Badge Connect API Moodle calls, server/ims.
import { route } from "@/server/http";
import { ob21Api, ob21RouteOptions } from "@/server/ims";

export const dynamic = "force-dynamic";

export const GET = route(ob21RouteOptions("ims.ob21.getAssertions"), async (req) => ob21Api.getAssertions(req));
export const POST = route(ob21RouteOptions("ims.ob21.postAssertion"), async (req) => ob21Api.postAssertion(req));
export const PUT = route(ob21RouteOptions("ims.ob21"), async (req) => ob21Api.notAllowed(req));
export const DELETE = route(ob21RouteOptions("ims.ob21"), async (req) => ob21Api.notAllowed(req));
