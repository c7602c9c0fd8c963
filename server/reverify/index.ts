// The re-verification area's app-facing API (server/reverify/reverify.ts).
export * from "./reverify";
