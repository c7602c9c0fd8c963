// server/account's app-facing API: the learner's email addresses and the account page.
// app/ imports server/account only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { addEmail, claimBadgeAddress, CONFIRM_MESSAGES, removeEmail, resendVerification } from "./addresses";
export { accountContext } from "./context";
export { addressesFor, confirmLinkFor, previewLink, refreshAccountPage, refreshAfterRecheck } from "./pages";
export {
  accountSettingsFor,
  changePasswordFor,
  choosePrimaryFor,
  deleteOwnAccount,
  previewReset,
  requestReset,
  setPasswordFromLink,
  signOutEverywhereFor,
  type AccountSettingsView,
} from "./settings-pages";
