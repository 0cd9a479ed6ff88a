// The test files share their workers' loaded modules (no isolation): the CLI keeps no state between
// runs (each test runs main() with its own ledger, language and clock), and loading the whole
// program afresh for each of 60-odd files cost more time than all the unit tests together.
// Four workers even on two cores: many tests wait on child processes (the browser, crash and race
// tests), so a third and fourth worker use the time the first two spend waiting (2 cores: 109 s with
// the default single worker, 80 s with 2, 62 s with 4).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    isolate: false,
    maxWorkers: 4,
    testTimeout: 60000,
  },
});
