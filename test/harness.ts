// End-to-end harness: run main() in-process against a ledger in a fresh temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as raw bytes (CSV with BOM, GBK…). */
  bytes: Buffer;
  json<T = any>(): T;
}

export class Sandbox {
  readonly dir: string;
  readonly db: string;
  constructor(name = 'sanzi') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    this.db = path.join(this.dir, 'ledger.db');
  }

  /** Run `sanzi ARGS…` with --db pointing at this sandbox's ledger. */
  async run(...args: string[]): Promise<RunResult> {
    return runCli(['--db', this.db, ...args], { cwd: this.dir });
  }

  /** Write a file into the sandbox and return its path. */
  file(name: string, content: string | Buffer): string {
    const p = path.join(this.dir, name);
    fs.writeFileSync(p, content);
    return p;
  }

  /** Run and fail the test with the CLI's stderr when it does not exit 0. */
  async ok(...args: string[]): Promise<RunResult> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`sanzi ${args.join(' ')} → exit ${r.code}\n${r.stderr}`);
    return r;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; now?: Date } = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  let err = '';
  const code = await main(['node', 'sanzi', ...args], {
    stdout: (c) => out.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c),
    stderr: (c) => {
      err += c;
    },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-01-15T10:00:00'),
    stderrIsTTY: false,
  });
  const bytes = Buffer.concat(out);
  const stdout = bytes.toString('utf8');
  return { code, stdout, stderr: err, bytes, json: () => JSON.parse(stdout) };
}

/** The fixtures folder. */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
