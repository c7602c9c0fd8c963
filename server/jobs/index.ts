// server/jobs's app-facing API: job search, job pages, pathways and checking a posting.
// app/ imports server/jobs only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { type CheckedPosting, checkPostingFor, type PostingFitDetail, rescorePostingFor } from "./check-page";
export { type JobDetail, type MatchedSkill } from "./detail";
export { findJobs, jobDetail, pathwaysFor } from "./queries";
