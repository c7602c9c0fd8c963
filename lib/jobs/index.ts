export { parseJobPostingJsonLd } from "./jsonld";
export { parseJobPostingCsv, CSV_COLUMNS } from "./csv";
export { parseJobPostingFile } from "./file";
export type { JobPostingInput, PostingSkill, ImportIssue, ParsedPostings } from "./types";
