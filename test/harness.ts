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
  /** The codes of the errors of a refusal (exit 1, 2 or 3), in order. */
  codes: string[];
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

  /**
   * A sandbox whose ledger starts as a copy of a template built once per test process by `build`
   * (setup commands are not replayed for every test).
   */
  static async from(name: string, build: (s: Sandbox) => Promise<void>): Promise<Sandbox> {
    let tpl = TEMPLATES.get(name);
    if (!tpl) {
      tpl = (async () => {
        const t = new Sandbox(`tpl-${name}`);
        await build(t);
        return t.db;
      })();
      TEMPLATES.set(name, tpl);
    }
    const file = await tpl;
    const s = new Sandbox(name);
    fs.copyFileSync(file, s.db);
    return s;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const TEMPLATES = new Map<string, Promise<string>>();

/** A refusal with exit 1 whose errors include every code given. */
export function expectRefused(r: RunResult, ...codes: string[]): void {
  if (r.code !== 1) throw new Error(`expected exit 1, got ${r.code}\n${r.stderr}`);
  for (const c of codes) if (!r.codes.includes(c)) throw new Error(`expected error ${c}, got ${r.codes.join(', ')}\n${r.stderr}`);
}

/** A usage error (exit 2) whose errors include every code given. */
export function expectUsage(r: RunResult, ...codes: string[]): void {
  if (r.code !== 2) throw new Error(`expected exit 2, got ${r.code}\n${r.stderr}`);
  for (const c of codes) if (!r.codes.includes(c)) throw new Error(`expected error ${c}, got ${r.codes.join(', ')}\n${r.stderr}`);
}

export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; now?: Date } = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  let err = '';
  let codes: string[] = [];
  const code = await main(['node', 'sanzi', ...args], {
    stdout: (c) => out.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c),
    stderr: (c) => {
      err += c;
    },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-01-15T10:00:00'),
    stderrIsTTY: false,
    user: 'tester',
    onRefusal: (r) => {
      codes = r.errors.map((e) => e.code);
    },
  });
  const bytes = Buffer.concat(out);
  const stdout = bytes.toString('utf8');
  return { code, stdout, stderr: err, bytes, codes, json: () => JSON.parse(stdout) };
}

/** The fixtures folder. */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
