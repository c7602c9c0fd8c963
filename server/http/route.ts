// route(): the one wrapper every route handler goes through (server/http/wrap.ts), reading next-auth's session.
import "server-only";
import { getCurrentUser } from "@/server/auth/session";
import { routeWith } from "./wrap";

export const route = routeWith(getCurrentUser);
