// The seed area's API: reference data and the demo learner (server/seed/seed.ts).
export * from "./seed";
