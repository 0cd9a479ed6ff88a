// Sandboxes for the tests of large imports and writes: ledgers that start with the generated books'
// accounts (BENCH_ACCOUNTS), kept from 2015-01, built once per test file as a template and copied for
// each test; every copy is removed after the file's tests.
import { afterAll, beforeAll } from 'vitest';
import { Sandbox } from './harness.js';
import { BENCH_ACCOUNTS } from './gen-vouchers.js';

/**
 * Register the template of `name` (the collective `org`, then `more` on it) with the file's hooks;
 * returns what gives a fresh copy of it.
 */
export function benchSandboxes(name: string, org: string, more?: (s: Sandbox) => Promise<void>): () => Promise<Sandbox> {
  const made: Sandbox[] = [];
  const build = async (s: Sandbox) => {
    await s.ok('init', '--name', org, '--start', '2015-01');
    for (const [code, account] of BENCH_ACCOUNTS) await s.ok('account', 'add', code, account);
    await more?.(s);
  };
  beforeAll(async () => {
    made.push(await Sandbox.from(name, build));
  });
  afterAll(() => {
    for (const s of made) s.cleanup();
  });
  return async () => {
    const sb = await Sandbox.from(name, build);
    made.push(sb);
    return sb;
  };
}
