// The oauth area's app-facing API (issue #22 §1). Other server areas (server/ims) and tests import the named modules:
// ./scopes (OAUTH_SCOPES, oauthEndpoints, describeScope), ./bearer (requireBearer, OAuthBearerError), ./authorize
// (grantAuthorization), ./endpoints, ./connected, ./metadata (RFC 8414).
export {
  ALL_SCOPES,
  OAUTH_SCOPES,
  SCOPE_DESCRIPTIONS,
  describeScope,
  oauthEndpoints,
  scopesOf,
  type OAuthEndpoints,
} from "./scopes";
export { OAuthBearerError, requireBearer, type BearerCaller } from "./bearer";
export {
  authorizationResponseUrl,
  checkAuthorizationRequest,
  grantAuthorization,
  type AuthorizationCheck,
  type AuthorizationParams,
  type GrantInput,
} from "./authorize";
export { handleRegister, handleRevoke, handleToken } from "./endpoints";
export { authorizationServerMetadata, handleMetadata } from "./metadata";
export { connectedApps, disconnectApp, type ConnectedApp } from "./connected";
