import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The hand-edit sweep through the built add-on runs ~2,700 executions, each on a fresh vm context (as Apps
    // Script reloads the project per execution); V8 frees those contexts late, so a worker may need more than
    // Node's default heap. The machines have 24 GiB.
    execArgv: ["--max-old-space-size=8192"],
  },
});
