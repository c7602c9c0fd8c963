// The skills area's app-facing API: the database's skill index (server/skills/skill-index.ts).
export * from "./skill-index";
