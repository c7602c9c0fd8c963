// A job posting as the importers produce it, before skills are matched to keys.

export interface PostingSkill {
  name: string;
  /** false = preferred / nice to have. */
  required: boolean;
}

/** What a listing shows of a posting, wherever it is read. */
export interface JobListingFields {
  title: string;
  employer: string;
  location: string;
  remote: boolean;
  postedAt: Date | null;
  url: string | null;
}

export interface JobPostingInput {
  /** Where the posting came from ("sash-seed", "import", a board name); idempotency key with `sourceKey`. */
  source: string;
  /** The posting's identifier, else its URL. */
  sourceKey: string;
  title: string;
  employer: string;
  location: string;
  remote: boolean;
  description: string;
  postedAt: Date | null;
  url: string | null;
  skills: PostingSkill[];
}

/** A record that was reported and skipped. `record` is 1-based (CSV: the data row; JSON-LD: the posting's position). */
export interface ImportIssue {
  record: number;
  message: string;
}

export interface ParsedPostings {
  postings: JobPostingInput[];
  errors: ImportIssue[];
  /** Set when the file as a whole can't be read (not JSON, not CSV with the expected header). */
  fatal?: string;
}

export const MAX_SKILLS_PER_POSTING = 100;
export const MAX_SKILL_NAME = 120;
