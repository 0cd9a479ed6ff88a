// The test files share their workers' loaded modules (no isolation): the CLI keeps no state between
// runs (each test runs main() with its own ledger, language and clock), and loading the whole
// program afresh for each of 60-odd files cost more time than all the unit tests together.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    isolate: false,
    testTimeout: 60000,
  },
});
