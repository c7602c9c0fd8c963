// The http area's app-facing API: the one route-handler wrapper and its JSON answers.
export { route } from "./route";
export {
  fromSameOrigin,
  jsonError,
  jsonResponse,
  type Route,
  type RouteContext,
  type RouteHandler,
  type RouteOptions,
} from "./wrap";
