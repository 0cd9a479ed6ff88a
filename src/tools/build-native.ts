// Part of `npm run build`: native/*.c compiled into dist/native/sanzi-sqlite.so, sanzi's SQLite
// extension (src/store/native-sqlite.ts): verify hashes with it, an import writes its batches
// through it, a large write flushes its files to disk beside it with it. It needs a C compiler (cc,
// or $CC) and SQLite's extension header, which better-sqlite3 carries. Without either the build goes
// on and says so: verify then hashes in JavaScript and an import binds its rows one by one, as
// before (slower, the same results).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sources = ['sanzi-sqlite.c', 'sqlite-sha256.c', 'sqlite-batch.c', 'sqlite-flush.c', 'sqlite-book.c', 'sqlite-voucher-hash.c', 'sqlite-line-sums.c'].map((f) => path.join(root, 'native', f));
const out = path.join(root, 'dist', 'native', 'sanzi-sqlite.so');

function headerDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
    const dir = path.join(path.dirname(pkg), 'deps', 'sqlite3');
    return fs.existsSync(path.join(dir, 'sqlite3ext.h')) ? dir : null;
  } catch {
    return null;
  }
}

function main(): void {
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (process.platform === 'win32') return note('not built on Windows');
  const include = headerDir();
  if (!include) return note("better-sqlite3's sqlite3ext.h was not found");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = process.env.CC || 'cc';
  // Symbols left undefined (OpenSSL's SHA-256) are the host process's, resolved when it is loaded.
  const args = ['-O2', '-shared', '-fPIC', '-pthread', '-fvisibility=hidden', '-I', include, ...sources, '-o', tmp];
  const r = spawnSync(cc, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    return note(r.error ? `${cc}: ${r.error.message}` : (r.stderr || `${cc} exited with ${r.status}`).trim());
  }
  fs.renameSync(tmp, out);
  console.log(`native: ${path.relative(root, out)}`);
}

function note(why: string): void {
  console.error(`native: sanzi's SQLite extension was not built (${why}); verify hashes in JavaScript and imports bind their rows one by one instead`);
}

main();
