/** Bundles server/workers/entry.ts into <distDir>/sash-workers/worker.mjs; returns the file's path. */
export function buildWorkers(distDir?: string): Promise<string>;
