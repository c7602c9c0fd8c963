// The ims area's app-facing API (issue #22 §1): the Open Badges 3.0 and CLR 2.0 APIs (host role) and the Open Badges
// 2.1 Badge Connect API. Tests and other modules import ./api, ./respond and lib/ims directly.
export { clr2Api, imsRouteOptions, ob21Api, ob21RouteOptions, ob3Api } from "./routes";
export { imsPolicyPage } from "./policy";
