// server/reverify's app-facing API: re-verification and the notices it leaves.
// app/ imports server/reverify only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { dismissNotice, type StatusNotice, statusNoticesFor } from "./notices";
export { credentialMailSetting, setCredentialMailSetting, unsubscribe, unsubscribeTokenValid } from "./notify-settings";
