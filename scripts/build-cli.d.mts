// Types of scripts/build-cli.mjs (plain JavaScript: the launcher imports it without tsx).
/** The checkout's root. */
export const ROOT: string;
/** node_modules/.cache/sash-cli: the bundle folders and manifest.json. */
export const CACHE_DIR: string;
/**
 * The current bundle's entry file, or null when there is none or an input changed since it was built: of what a
 * run of `command` (the first argument) can load, or of everything when no command is given.
 */
export function freshBundle(command?: string): string | null;
/** Builds the bundle and makes it current; returns its entry file. */
export function buildCli(): Promise<string>;
