// The presentation area's app-facing API (server/presentation/presentations.ts).
export * from "./presentations";
