// server/auth's app-facing API: sign-in, sign-up and the session.
// app/ imports server/auth only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { EmailTakenError, OidcLinkRefusedError, signUpSchema } from "./accounts";
export { issueLinkIntent } from "./oidc-link";
export { authOptions, oidcEnabled } from "./options";
export { getCurrentUser, requireUser, type SessionUser } from "./session";
export { signUp } from "./sign-up";
