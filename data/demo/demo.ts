// Sash's demo data (issue #24): the names every demo piece agrees on. The files
// beside this one are made by scripts/make-samples.ts with the DEMO-ONLY keys in
// issuers.keys.json (see README.md here); server/seed/demo-wallet.ts imports the
// wallet through the learner's own import path, server/seed/demo-issuers.ts serves
// the hosted documents, and server/trust/registries.ts loads the registry
// (server/seed/registries/sash-demo-issuers.json) — only where demo data is on.

/** The demo learner's sign-in address (server/seed/seed.ts DEMO_EMAIL): every demo badge is issued to it... */
export const DEMO_LEARNER_EMAIL = "demo@sash.local";
/** ...except one, issued to an address the demo learner hasn't confirmed (it reads "Not verified"). */
export const DEMO_UNCONFIRMED_EMAIL = "demo.learner@college.sash-demo.example";

/**
 * Where the demo issuers' hosted OB 2.0 documents live. `.example` is reserved
 * (RFC 2606): no real site can be there, so answering it locally shadows nothing.
 */
export const DEMO_ORIGIN = "https://issuers.sash-demo.example";

/** The known-issuer registry of the demo issuers, as pages name it ("known issuer · Sash demo issuers"). */
export const DEMO_REGISTRY_NAME = "Sash demo issuers";

/** One file of the demo learner's wallet (wallet.json), imported as if the learner uploaded it. */
export interface DemoWalletFile {
  name: string;
  base64: string;
}

/** The demo learner's self-asserted entry, typed in through the manual-entry form's service. */
export const DEMO_MANUAL_ENTRY = {
  title: "Volunteer maths tutor",
  description:
    "Tutored secondary-school students in maths at the community library, two evenings a week for a year. Self-asserted: no issuer vouches for it.",
  skills: ["Communication", "Time management", "Patience"],
} as const;
