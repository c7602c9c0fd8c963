// Bounded work per verification (issue #11): a hostile credential must not make
// Sash verify hundreds of proofs, fetch dozens of documents or run forever.
// Each limit, when reached, becomes a plain check result, never a crash.
export const VERIFY_LIMITS = {
  /** Embedded proofs verified per verification (the credential's and its status lists' together). */
  proofs: 5,
  /** credentialStatus entries checked per credential. */
  statusEntries: 5,
  /** Distinct documents fetched per verification (cached repeats are free). */
  fetches: 10,
  /** One deadline for the whole verification, in milliseconds. */
  deadlineMs: 15_000,
} as const;

export type VerifyLimits = { proofs: number; statusEntries: number; fetches: number; deadlineMs: number };

/**
 * A CLR 2.0 learner record (issue #13, clr.ts): its nested credentials are verified this many at a
 * time; the record with all of them may fetch at most this many distinct documents (one shared
 * cache; each credential also keeps its own `fetches` limit) and has one deadline for the whole
 * record (up to 200 nested credentials, each at least one proof, and its own proof over all of them).
 */
export const CLR_LIMITS = { concurrency: 4, fetches: 50, deadlineMs: 60_000 } as const;
