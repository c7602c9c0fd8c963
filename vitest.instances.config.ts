// `npm run test:instances`: two `next start` processes and the share server on one PostgreSQL
// (issue #12 §1). Not part of `npm test`: it needs a production build and
// TEST_DATABASE_URL (scripts/pg-test-cluster.sh); .ci/run runs it after the build.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/instances/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
