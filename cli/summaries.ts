// What `sash --help` lists, one line per command, in the order shown. Kept apart from the commands
// themselves so that --help loads nothing else (cli/sash.ts loads a command only when it runs).
export const SUMMARIES = {
  migrate: "Apply database migrations (idempotent).",
  seed: "Load the demo learner, skills library, jobs, courses and pathways (idempotent).",
  unbake: "Read the badge in a PNG or SVG file, or a credential file (JSON or JWT): unbake <file>",
  "import-jobs": "Import job postings from schema.org JobPosting JSON-LD or CSV (idempotent).",
  fit: 'Rank jobs by Opportunity Fit for a list of skills: fit --skills "a, b" [--query Q] [--limit N]; or score one posting: fit --posting <file|url> --skills "a, b".',
  verify: "Unbake a badge and check it is genuine: verify <file> [--recipient EMAIL]…",
  "import-skills": "Import a skills taxonomy (ESCO CSV, O*NET text, Lightcast JSON); idempotent.",
  "relink-skills": "Re-link custom skills that now match a library or imported skill (idempotent, one transaction).",
  admin: "What /admin does: counts, imports, trusted issuers, learners (disable/enable/delete), the audit log.",
  backup: "Write a consistent copy of the embedded database to a file (also while the server runs).",
  restore: "Restore a `sash backup` file into an empty data folder (SASH_DATA_DIR).",
} as const;

export type CommandName = keyof typeof SUMMARIES;
