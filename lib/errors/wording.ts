// What a learner reads for each code that may reach them, written once (issue #19 §4). The map is typed against the
// closed list in ./codes.ts: a learner code without wording, or a key that is no code, is a compile error. An error
// may carry a more specific message of its own (which file, which limit); this is the wording when it doesn't, and
// the one the wallet's add-credential flow (lib/wallet/messages.ts) shows under its heading.
import { MAX_CLR_CREDENTIALS, MAX_INPUT_BYTES, MAX_PAYLOAD_BYTES, megabytes } from "../badges/limits";
import type { LearnerErrorCode } from "./codes";

export const DATABASE_UNAVAILABLE_MESSAGE = "Sash can't reach its database right now — try again in a minute";

export const LEARNER_WORDING: Record<LearnerErrorCode, string> = {
  DATABASE_UNAVAILABLE: DATABASE_UNAVAILABLE_MESSAGE,
  UNAUTHENTICATED: "Your session has ended. Please sign in again.",
  FORBIDDEN: "This request didn't come from Sash.",
  INVALID_INPUT: "Please check the highlighted fields.",
  NOT_FOUND: "Sash couldn't find this: it may have expired or been deleted.",
  RATE_LIMITED: "Too many attempts in a short time. Please wait a while and try again.",
  NETWORK: "Couldn't reach Sash. Check your connection and try again.",

  // Reading a badge: one wording each (these were written twice, in lib/badges/errors.ts and lib/wallet/messages.ts).
  UNSUPPORTED_FILE:
    "This file isn't a PNG or SVG badge image. Sash reads Open Badges baked into PNG or SVG images; photos (JPEG, HEIC), PDFs and other files don't carry badge data.",
  CORRUPT_IMAGE:
    "This image file is damaged or incomplete: the file ends early or part of it is broken, so its badge data can't be read.",
  NO_BADGE_DATA:
    "This image doesn't contain any badge data. The picture is fine, but the badge details that issuers hide inside the file aren't there. This often happens with photos saved to an iPhone or iPad: since iOS 16 the Photos app strips that data.",
  PAYLOAD_TOO_LARGE: `This file is too large. Badge images can be up to ${megabytes(MAX_INPUT_BYTES)}, and the badge data inside at most ${megabytes(MAX_PAYLOAD_BYTES)}.`,
  INVALID_PAYLOAD:
    "This holds data, but it isn't a valid Open Badge: not an Open Badges assertion or credential Sash can read.",
  REMOTE_UNAVAILABLE:
    "This badge keeps its details on the issuer's website, and that site didn't answer in time or refused the request.",
  CLR_NESTED:
    "This learner record contains another learner record inside it. Sash reads a learner record and the credentials in it, one level deep, but not a learner record inside another one.",
  CLR_TOO_LARGE: `This learner record is too large: Sash reads at most ${MAX_CLR_CREDENTIALS} credentials from one record.`,

  WORKER_FAILED: "Sash stopped in the middle of this step and nothing was changed. Please try again.",
  UPLOAD_FAILED: "The upload didn't finish: the connection dropped before the whole file arrived.",
  TOO_MANY_UPLOADS: "Sash is still receiving other uploads for you. Wait for them to finish, then try again.",
  DUPLICATE_CREDENTIAL: "This credential is already in your wallet.",
  QUOTA_EXCEEDED: "Your wallet is full. Delete credentials you no longer need, then try again.",
  IMAGE_TOO_LARGE: "This image is too large for Sash to show. Download a smaller copy of the badge and try again.",

  // The fetcher's refusals, in a posting's terms (/jobs/check is where a learner meets them).
  FETCH_INVALID_URL: "That is not a web address. Paste the posting's full link, starting with https://.",
  FETCH_BLOCKED:
    "Sash can't open that address: only public https pages can be checked (not private or local addresses).",
  FETCH_TIMEOUT: "The job site took too long to answer. Try again, or paste the posting's text instead.",
  FETCH_TOO_LARGE: "That page is too large to read. Paste the posting's text instead.",
  FETCH_BAD_TYPE: "That address is not a web page (it returned a file of another kind).",
  FETCH_TOO_MANY_REDIRECTS: "That address redirects too many times. Paste the posting's text instead.",
  FETCH_NETWORK: "Sash couldn't reach the job site. Check the address, or paste the posting's text instead.",

  POSTING_EMPTY: "Paste the posting's address or its text.",
  POSTING_HTTP_STATUS: "The job site answered with an error instead of the page.",
  POSTING_NOT_A_PAGE: "That address returned an XML document, not a job posting's page.",
  POSTING_INVALID_JSON: "This looks like JSON but can't be read: check that it is complete.",
  POSTING_NOT_FOUND: "This JSON holds no schema.org JobPosting.",
  POSTING_TOO_MANY_SKILLS: "This posting lists more skills than Sash reads from one posting.",

  ZIP_INVALID: "This isn't a ZIP file Sash can read, or it is damaged.",
  ZIP_TOO_MANY_ENTRIES: "This ZIP holds more files than Sash reads from one archive.",
  ZIP_TOO_LARGE: "This ZIP, or a file in it, is larger than Sash reads.",
  ZIP_RATIO: "A file in this ZIP is compressed far more than a badge or record would be, so Sash won't unpack it.",
  ZIP_UNSAFE_PATH: "This ZIP holds a file whose name isn't a safe relative path.",
  ZIP_DUPLICATE_NAME: "This ZIP holds two files with the same name.",
  ZIP_NESTED: "This ZIP holds another archive inside it; Sash reads one level only.",
  ZIP_ENCRYPTED: "This ZIP is encrypted, so Sash can't read it.",
  ZIP_NO_INDEX: "This ZIP isn't a Sash export: it has no index.json.",
  ZIP_BAD_INDEX: "This ZIP's index.json isn't one Sash can read.",
  ZIP_BAD_ENTRY: "An entry in this ZIP's index.json isn't one Sash can read.",
  ZIP_MISSING_FILE: "This ZIP lacks a file its index lists.",
  ZIP_UNLISTED_FILE: "This ZIP holds a file its index doesn't list.",
  ZIP_CHECKSUM: "A file in this ZIP isn't the file its index describes.",
  RESTORE_BUSY: "Sash is busy restoring other wallets right now. Please try again in a minute.",
  SAVE_BUSY:
    "Sash is saving a great many badges right now, and nothing of yours was saved yet. Please press Save again in a minute.",

  PRESENTATION_EMPTY: "Choose at least one credential to present.",
  PRESENTATION_TOO_LARGE: "This presentation holds more credentials than Sash presents at once.",
  PRESENTATION_NOT_PRESENTABLE: "One of the chosen credentials can't be presented.",

  OID4VCI_BAD_OFFER:
    "This isn't a credential offer Sash can read. Paste the whole “Add to wallet” link (openid-credential-offer://…) or the web address the issuer gave you.",
  OID4VCI_OFFER_UNREACHABLE:
    "Sash couldn't reach the issuer's server: it refused, didn't answer in time, or is an address Sash doesn't contact (a private or internal address, or a plain http link).",
  OID4VCI_BAD_METADATA:
    "The issuer's server answered, but not with what the OpenID for Verifiable Credential Issuance standard asks for, so Sash can't receive this credential from it.",
  OID4VCI_TOKEN_REFUSED:
    "The issuer refused to hand out the credential: the offer may have been used already or expired. Ask the issuer for a new offer.",
  OID4VCI_TX_CODE: "The issuer didn't accept that transaction code. Check the code the issuer sent you and try again.",
  OID4VCI_NONCE:
    "The issuer didn't accept Sash's proof that this wallet holds your key (its one-time number didn't match). Ask the issuer for a new offer.",
  OID4VCI_CREDENTIAL_REFUSED: "The issuer refused to issue the credential. Ask the issuer for a new offer.",
  OID4VCI_UNSUPPORTED:
    "The issuer offers this credential only in a format Sash doesn't receive yet. Sash receives Open Badges 3.0 and learner records (CLR 2.0) as ldp_vc or jwt_vc_json.",
  OID4VCI_DEFERRED:
    "The issuer will issue this credential later (deferred issuance), which Sash doesn't support yet. Ask the issuer for a file or link instead.",
  OID4VCI_STATE: "This sign-in at the issuer has expired or was already used. Start again from the issuer's offer.",
  OID4VCI_AUTHORIZATION_DENIED: "The issuer didn't authorize Sash to receive the credential, so nothing was received.",

  OID4VP_BAD_REQUEST:
    "This isn't a verifier's request Sash can read: paste the openid4vp:// link or the https link the verifier gave you.",
  OID4VP_REQUEST_UNREACHABLE:
    "Sash couldn't fetch the verifier's request (the address is refused, unreachable or answered with an error). Nothing was sent.",
  OID4VP_SIGNATURE: "The verifier's request isn't signed the way it says, so Sash refused it. Nothing was sent.",
  OID4VP_CLIENT_ID:
    "The verifier's request names a verifier its signature or addresses don't match, so Sash refused it. Nothing was sent.",
  OID4VP_UNSUPPORTED:
    "The verifier asks in a way Sash doesn't support yet (Sash answers DCQL and presentation_definition requests with ldp_vp or jwt_vp_json by direct_post).",
  OID4VP_NO_MATCH:
    "None of your credentials matches what the verifier asks for. Sash told the verifier that nothing was shared.",
  OID4VP_EXPIRED: "This request has expired or was already answered. Open the verifier's link again.",
  OID4VP_RESPONSE_REFUSED: "The verifier didn't accept the answer. Ask the verifier to try again.",

  IMS_METHOD_NOT_ALLOWED: "This endpoint doesn't allow this method.",
  IMS_INVALID_QUERY: "A query parameter of this request isn't valid.",
  IMS_WRONG_CREDENTIAL_TYPE: "This is a valid credential, but not of the kind this endpoint takes.",
  OAUTH_TOKEN_MISSING: "This request needs an access token (Authorization: Bearer).",
  OAUTH_TOKEN_INVALID: "This access token isn't valid: it is unknown or was revoked.",
  OAUTH_TOKEN_EXPIRED: "This access token has expired. Use the refresh token to get a new one.",
  OAUTH_INSUFFICIENT_SCOPE: "This access token doesn't have the scope this request needs.",
  OAUTH_INVALID_REQUEST:
    "This authorization request isn't valid, so Sash can't ask you to connect the application. Go back to the application and try again.",
  OAUTH_UNKNOWN_CLIENT:
    "Sash doesn't know the application that sent you here (it hasn't registered, or its redirect address doesn't match). Go back to the application and try again.",

  INVALID_NAME: "Please enter your name on one line.",
  INVALID_EMAIL: "Please enter a valid email address.",
  EMAIL_TAKEN: "An account with this email already exists. Try signing in instead.",
  ALREADY_VERIFIED: "This address is already verified.",
  SIGN_IN_ADDRESS: "This is the address you sign in with, so it can't be removed.",
  TOO_MANY: "You have as many addresses as Sash keeps. Remove one first.",
  ADDRESS_MISMATCH: "That isn't the address this badge was issued to.",
  WRONG_ACCOUNT:
    "This link confirms an address for another Sash account, not the one you're signed in to, so nothing was changed. Sign out and sign in to the account named on this page to confirm it.",
  LINK_INVALID:
    "This confirmation link isn't valid. Open the latest link from your email, or send a new one from your account page.",
  LINK_USED:
    "This confirmation link has already been used. If the address still shows “Not verified”, send a new link from your account page.",
  LINK_EXPIRED: "This confirmation link has expired (links work for 24 hours). Send a new one from your account page.",
  OIDC_DISABLED: "Single sign-on isn't set up on this Sash.",
  OIDC_LINK_REFUSED:
    "An account with this email address already exists. Sign in to it with your password, then choose “Connect single sign-on” on your Account page.",
  RESET_LINK_INVALID: "This reset link isn't valid. Open the latest link from your email, or ask for a new one.",
  RESET_LINK_USED: "This reset link has already been used. If you still can't sign in, ask for a new one.",
  RESET_LINK_EXPIRED: "This reset link has expired (links work for 1 hour). Ask for a new one.",
  PASSWORDS_DIFFER: "The two new passwords don't match. Type the same password in both fields.",
  WRONG_PASSWORD: "That isn't your current password.",
  ADDRESS_NOT_VERIFIED: "Only a verified address can be your primary address. Verify it first.",
  PRIMARY_ADDRESS_TAKEN: "Another Sash account signs in with this address, so it can't be your primary address.",
  ACCOUNT_DISABLED:
    "This account has been disabled by the people who run this Sash. Contact them to have it enabled again.",
  UNSUBSCRIBE_LINK_INVALID:
    "This unsubscribe link isn't valid. Turn off “Email me about my credentials” on your Account page instead.",
  TRUSTED_ISSUER_INVALID: "Enter a DID (did:…) or an https:// address, and a name for the issuer.",
  FRESH_SIGN_IN_REQUIRED: "For your safety, sign in again (within the last 5 minutes) before deleting your account.",
};

/** The learner wording of `code`: its own when it has one, else undefined. */
export function learnerWording(code: string): string | undefined {
  return Object.hasOwn(LEARNER_WORDING, code) ? LEARNER_WORDING[code as LearnerErrorCode] : undefined;
}

/** DUPLICATE_CREDENTIAL naming the credential the learner already holds (db/queries DuplicateCredentialError). */
export function alreadyInWalletWording(title: string): string {
  return `“${title}” is already in your wallet.`;
}
