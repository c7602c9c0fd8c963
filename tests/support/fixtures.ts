// Where tests find the real-world badge corpus (../shared/fixtures/real, beside
// the repository) and what happens when it is not there.
//
// Without SASH_REQUIRE_FIXTURES a missing corpus makes the suites that need it
// skip (a fresh clone still passes `npm test`). CI sets SASH_REQUIRE_FIXTURES=1:
// then a missing folder or a missing named file throws while the test file is
// collected, so the file fails with a message naming what is missing instead of
// its tests quietly disappearing from the count.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the real-world corpus (../shared/fixtures/real from the repository root). */
export const REAL_FIXTURES = path.resolve(fileURLToPath(new URL("../..", import.meta.url)), "../shared/fixtures/real");

/** True when CI asked for every fixture to be present (SASH_REQUIRE_FIXTURES=1). */
export const FIXTURES_REQUIRED = process.env.SASH_REQUIRE_FIXTURES === "1";

/** Raised (at collection time) when SASH_REQUIRE_FIXTURES=1 and a fixture is missing. */
export class MissingFixtureError extends Error {
  readonly code = "missing_fixture";
  constructor(readonly missing: string[]) {
    super(
      `SASH_REQUIRE_FIXTURES=1 but the real-world corpus is incomplete: missing ${missing.join(", ")}. ` +
        `Put the corpus at ${REAL_FIXTURES} (or unset SASH_REQUIRE_FIXTURES to skip these tests locally).`,
    );
    this.name = "MissingFixtureError";
  }
}

/**
 * Whether the corpus folder and every named entry in it (paths relative to the
 * corpus, files or folders) exist. Use the result in `describe.skipIf(!…)`.
 * With SASH_REQUIRE_FIXTURES=1 a missing one throws instead of returning false.
 */
export function haveRealFixtures(...names: string[]): boolean {
  return haveFixtures(REAL_FIXTURES, names, FIXTURES_REQUIRED);
}

/** haveRealFixtures for any folder, with `required` explicit (what tests/ci/guards.test.ts checks). */
export function haveFixtures(root: string, names: readonly string[], required: boolean): boolean {
  const missing = fs.existsSync(root)
    ? names.filter((n) => !fs.existsSync(path.join(root, n))).map((n) => path.join(root, n))
    : [root];
  if (missing.length && required) throw new MissingFixtureError(missing);
  return missing.length === 0;
}

/** Absolute path of an entry of the corpus. */
export function realFixture(rel: string): string {
  return path.join(REAL_FIXTURES, rel);
}
