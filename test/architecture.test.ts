// The house rules of ARCHITECTURE.md, checked on the source: which layer may import which, SQL only
// in the store, the connection only inside the store, every error code in one catalogue, thin commands.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const ALL = files(SRC).map((f) => ({ file: path.relative(SRC, f), text: fs.readFileSync(f, 'utf8') }));
const layer = (f: string) => f.split(path.sep)[0];
const imports = (text: string) => [...text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((m) => m[1]);

/** Where a relative import lands, as a path under src. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.relative(SRC, path.resolve(SRC, path.dirname(file), spec));
}

function violations(from: string, forbidden: (spec: string, to: string | null) => boolean): string[] {
  return ALL.filter((f) => layer(f.file) === from).flatMap((f) =>
    imports(f.text)
      .filter((s) => forbidden(s, target(f.file, s)))
      .map((s) => `${f.file} imports ${s}`),
  );
}

describe('layers', () => {
  it('domain imports nothing from store, io, commands, cli, nor any Node module', () => {
    const bad = violations('domain', (s, to) => s.startsWith('node:') || (to !== null && !to.startsWith('domain')) || (to === null && s !== 'decimal.js'));
    expect(bad).toEqual([]);
  });
  it('store imports nothing from io, commands or cli', () => {
    expect(violations('store', (_s, to) => to !== null && /^(io|commands|cli)\b/.test(to))).toEqual([]);
  });
  it('io imports nothing from store, commands or cli', () => {
    expect(violations('io', (_s, to) => to !== null && /^(store|commands|cli)\b/.test(to))).toEqual([]);
  });
  it('no SQL outside the store, and the connection only inside it', () => {
    const sql = /\.prepare\(|\.pragma\(|\bexec\(\s*['`"]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|BEGIN|COMMIT|ROLLBACK)/i;
    const bad = ALL.filter((f) => !['store', 'tools'].includes(layer(f.file)) && sql.test(f.text)).map((f) => f.file);
    expect(bad).toEqual([]);
    const internal = ALL.filter((f) => layer(f.file) !== 'store' && imports(f.text).some((s) => s.includes('store/internal'))).map((f) => f.file);
    expect(internal).toEqual([]);
    const driver = ALL.filter((f) => layer(f.file) !== 'store' && /better-sqlite3/.test(imports(f.text).join(' '))).map((f) => f.file);
    expect(driver).toEqual([]);
  });
});

describe('error catalogue', () => {
  it('every catalogue code is unique across the catalogues', async () => {
    const dir = path.join(SRC, 'domain', 'errors');
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const mod = (await import(path.join(dir, f))) as Record<string, { codes?: readonly string[] }>;
      for (const [name, cat] of Object.entries(mod)) {
        for (const code of cat.codes ?? []) {
          if (seen.has(code)) dupes.push(`${code} in ${seen.get(code)} and ${f}:${name}`);
          seen.set(code, `${f}:${name}`);
        }
      }
    }
    expect(dupes).toEqual([]);
    expect(seen.size).toBeGreaterThan(10);
  });
  it('errors are made only by the catalogues: no code written inline elsewhere', () => {
    const inline = ALL.filter((f) => !f.file.startsWith(path.join('domain', 'errors')) && /\bledgerError\(/.test(f.text)).map((f) => f.file);
    expect(inline).toEqual([]);
  });
});

describe('commands stay thin', () => {
  const lines = (t: string) => t.split('\n').length;
  it('no command file is over 300 lines', () => {
    const big = ALL.filter((f) => layer(f.file) === 'commands' && lines(f.text) > 300).map((f) => `${f.file}: ${lines(f.text)}`);
    expect(big).toEqual([]);
  });
  it('commands are at most a quarter of the source', () => {
    const total = ALL.reduce((n, f) => n + lines(f.text), 0);
    const commands = ALL.filter((f) => layer(f.file) === 'commands').reduce((n, f) => n + lines(f.text), 0);
    expect(commands / total).toBeLessThanOrEqual(0.25);
  });
  it('commands write no SQL and make no errors of their own', () => {
    const bad = ALL.filter((f) => layer(f.file) === 'commands' && /\b(prepare|ledgerError)\(|catalogue\(/.test(f.text)).map((f) => f.file);
    expect(bad).toEqual([]);
  });
});
