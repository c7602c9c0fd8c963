// Opens (and migrates) the database when the server starts, so a missing or
// unreachable database is one clear log line and a non-zero exit, and the
// embedded data folder is locked for this process's whole life.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before any request: stamp each one with its socket's address (rate limits).
    const { installPeerStamp } = await import("@/server/request");
    installPeerStamp();
    const { openDatabaseAtStartup } = await import("@/server/startup");
    await openDatabaseAtStartup();
    // A dropped database connection switches pages to the 503 answer at once (server/db-health.ts).
    const { watchDatabaseConnection } = await import("@/server/db-health");
    watchDatabaseConnection();
    // The worker pool for CPU-heavy request work (issue #23 §3, server/workers).
    const { startWorkerPool } = await import("@/server/workers");
    startWorkerPool();
  }
}

/**
 * Every error Next.js catches in a page, route handler, server action or the proxy: logged
 * once under its digest (the reference the error page shows), without request data; a
 * database outage also switches pages to the 503 answer until a probe sees it back.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routeType?: string; routePath?: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { describeForLog, isDatabaseDown } = await import("@/server/errors");
  const digest = (error as { digest?: unknown })?.digest;
  const where = `${context.routeType ?? "request"} ${context.routePath ?? request.path.split("?")[0]}`;
  console.error(
    `sash: error ${typeof digest === "string" ? digest : "(no reference)"} in ${where}: ${describeForLog(error)}`,
  );
  if (isDatabaseDown(error)) {
    const { markDatabaseDown } = await import("@/server/db-health");
    markDatabaseDown();
  }
}
