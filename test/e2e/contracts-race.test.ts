// Several processes racing to let the same subject for the same days: the overlap check runs in the
// same locked transaction as the insert, so exactly one contract lands every time and every other
// process is refused with CONTRACT_OVERLAP (or, at worst, 账套正忙 — never a second contract).
// Real processes: `node bin/sanzi.js` against the built dist (npm test builds first).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';

const BIN = fileURLToPath(new URL('../../bin/sanzi.js', import.meta.url));
const PROCESSES = 6;
const ROUNDS = 3;

interface Exit {
  code: number | null;
  stderr: string;
}

function sanzi(db: string, args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--db', db, ...args], {
      cwd: path.dirname(db),
      env: { ...process.env, SANZI_LANG: 'zh', SANZI_BUSY_TIMEOUT: '30' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stderr }));
  });
}

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.cleanup()));

describe('contract add under concurrency', () => {
  it(`of ${PROCESSES} processes adding overlapping contracts for one subject, exactly one lands, ${ROUNDS} rounds`, { timeout: 60_000 }, async () => {
    const sb = await Sandbox.from('race', async (s) => {
      await s.ok('init', '--name', '测试村', '--start', '2024-01');
      await s.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '10');
    });
    sandboxes.push(sb);
    for (let round = 0; round < ROUNDS; round++) {
      // Each round lets GD-01 for its own year, so the rounds do not collide with each other.
      const year = 2030 + round;
      const exits = await Promise.all(
        Array.from({ length: PROCESSES }, (_, i) =>
          sanzi(sb.db, [
            'contract', 'add', `HT-${round}-${i}`, '--kind', '发包', '--counterparty', `承包户${i}`, '--subject', 'GD-01',
            '--start', `${year}-01-01`, '--end', `${year}-12-31`, '--annual-rent', '1000',
          ]),
        ),
      );
      const landed = exits.filter((e) => e.code === 0);
      const refused = exits.filter((e) => e.code !== 0);
      expect(landed, `round ${round}: ${exits.map((e) => e.code).join(',')}`).toHaveLength(1);
      for (const e of refused) {
        expect(e.code, e.stderr).toBe(1);
        expect(e.stderr).toMatch(/已由合同「HT-\d-\d」|账套正忙/);
        expect(e.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
      const list = (await sb.ok('contract', 'list', '--format', 'json')).json().contracts as { code: string; start: string }[];
      expect(list.filter((c) => c.start === `${year}-01-01`)).toHaveLength(1);
    }
  });
});
