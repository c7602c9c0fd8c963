// server/skills's app-facing API: the skill picker's suggestions.
// app/ imports server/skills only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { suggestSkills } from "./queries";
