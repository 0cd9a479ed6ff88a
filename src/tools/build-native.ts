// Part of `npm run build`: native/sqlite-sha256.c compiled into dist/native/sqlite-sha256.so, the
// SQLite extension verify hashes with (src/store/native-sha256.ts). It needs a C compiler (cc, or
// $CC) and SQLite's extension header, which better-sqlite3 carries. Without either the build goes
// on and says so: verify then hashes in JavaScript, as it did before (slower, the same findings).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(root, 'native', 'sqlite-sha256.c');
const out = path.join(root, 'dist', 'native', 'sqlite-sha256.so');

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
  fs.rmSync(out, { force: true });
  if (process.platform === 'win32') return note('not built on Windows');
  const include = headerDir();
  if (!include) return note("better-sqlite3's sqlite3ext.h was not found");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = process.env.CC || 'cc';
  // Symbols left undefined (OpenSSL's SHA-256) are the host process's, resolved when it is loaded.
  const args = ['-O2', '-shared', '-fPIC', '-I', include, source, '-o', tmp];
  const r = spawnSync(cc, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    return note(r.error ? `${cc}: ${r.error.message}` : (r.stderr || `${cc} exited with ${r.status}`).trim());
  }
  fs.renameSync(tmp, out);
  console.log(`native: ${path.relative(root, out)}`);
}

function note(why: string): void {
  console.error(`native: the SQLite SHA-256 extension was not built (${why}); verify hashes in JavaScript instead`);
}

main();
