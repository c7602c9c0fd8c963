// The learner record area's app-facing API: the record page and its share link (server/record/page.ts).
export * from "./page";
