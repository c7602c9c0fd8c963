// server/account's app-facing API (server/account/addresses.ts).
export * from "./addresses";
