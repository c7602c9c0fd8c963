// Opens (and migrates) the database when the server starts, so a missing or
// unreachable database is one clear log line and a non-zero exit, and the
// embedded data folder is locked for this process's whole life.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before any request: stamp each one with its socket's address (rate limits).
    const { installPeerStamp } = await import("@/server/request/peer");
    installPeerStamp();
    const { openDatabaseAtStartup } = await import("@/server/startup");
    await openDatabaseAtStartup();
  }
}
