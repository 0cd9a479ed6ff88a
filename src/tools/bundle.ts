// Part of `npm run build` (after tsc): the CLI as one file, so that a command starts without
// resolving, reading and compiling some 140 modules one by one.
//
//   dist/bundle/sanzi.cjs        src/cli/main.ts and its pure-JS dependencies as one CommonJS
//                                module, written inside the function CommonJS wraps a module in
//                                (better-sqlite3 stays outside: it is native); what src/
//                                loads on first use (each command group, through the lazy table
//                                of src/commands/index.ts) is still evaluated on first use, and
//                                `sanzi --help` lists the groups from a listing built in here
//   dist/bundle/sanzi.cjs.cache  V8's code cache of that script, made after running `--help` and
//                                the most common small commands, so that the functions they need
//                                start compiled
//   dist/bundle/vendor/*.cjs     the two large libraries few commands need (exceljs for
//                                workbooks, iconv-lite for GBK files), each a bundle of its own,
//                                read only by the command that loads it: every other command
//                                reads and compiles a third of the code
//
// bin/sanzi.js loads them (loadBundle there); when the bundle is missing or older than tsc's output
// it runs dist/cli/main.js, the same program unbundled (also the one to debug with). The bundle is
// pure ASCII, so bin/sanzi.js reads it as latin1: a one-byte string, no UTF-8 decoding (on Node 20
// decoding this much Chinese text costs more than reading the file).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Two levels below the package root, like dist/cli/, so paths that src/ resolves against its own
// module (`createRequire(import.meta.url)('../../package.json')`) work unchanged.
const outfile = path.join(root, 'dist', 'bundle', 'sanzi.cjs');

/**
 * src/ loads some modules on first use through `createRequire(import.meta.url)` (better-sqlite3, the
 * table and CSV writers), which esbuild cannot follow. In the bundle a plain require() does the
 * same: esbuild then includes those modules, still evaluated only on first use, so a command that
 * prints a table does not resolve and read a dozen files first. Where the pattern is not found the
 * source is left as it is, and createRequire keeps working at run time.
 */
const inlineRequires: Plugin = {
  name: 'inline-create-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('createRequire(import.meta.url)')) return undefined;
      const contents = text
        .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
        .replace(/createRequire\(import\.meta\.url\)\(('[^']+')\)/g, 'require($1)');
      return { contents, loader: 'ts' };
    });
  },
};

/** Libraries bundled apart (dist/bundle/vendor/NAME.cjs), loaded by the main bundle on first use. */
const VENDOR = ['exceljs', 'iconv-lite'];
const vendorDir = path.join(path.dirname(outfile), 'vendor');

const vendored: Plugin = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.cjs`, external: true }));
  },
};

/**
 * commander loads node:child_process when it is loaded, for subcommands that are programs of their
 * own, which sanzi has none of; child_process brings node:net and more with it, some 5–8 ms of
 * every start. In the bundle it is required when first used instead.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) return undefined;
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * better-sqlite3 finds its compiled addon through the \`bindings\` package, which tries a dozen
 * paths and reads stack traces to find them: some 15 ms of every command that opens a ledger. In the
 * bundle its JavaScript is included and the addon required from where npm put the package.
 */
const directAddon: Plugin = {
  name: 'direct-addon',
  setup(b) {
    b.onLoad({ filter: /[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const search = "require('bindings')('better_sqlite3.node')";
      if (!text.includes(search)) throw new Error(`better-sqlite3 no longer loads its addon with ${search}: see directAddon in src/tools/bundle.ts`);
      const direct = "require(require('node:path').join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node'))";
      return { contents: text.replace(search, direct), loader: 'js' };
    });
  },
};

type Main = (argv: string[], io?: object) => Promise<number>;
type Modular = { main: Main; buildProgram: (ctx: object) => Promise<import('commander').Command>; commandListing: (p: import('commander').Command) => unknown[] };
const modular = (await import(path.join(root, 'dist', 'cli', 'main.js'))) as Modular;

// What `sanzi --help` lists, from the whole program as tsc built it.
const quiet = { lang: 'zh', dbPath: 'x.db', cwd: root, env: {}, stdout: () => undefined, stderr: () => undefined, now: () => new Date(), by: 'bundle', stderrIsTTY: false };
const listing = modular.commandListing(await modular.buildProgram(quiet));

for (const name of VENDOR) {
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    outfile: path.join(vendorDir, `${name}.cjs`),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  noBufferConstructor(path.join(vendorDir, `${name}.cjs`));
}

/**
 * exceljs's zip writer (archiver-utils, buffers) still calls the deprecated `new Buffer(…)`: run from
 * node_modules Node lets it pass, but from the vendor bundle it prints DEP0005 on stderr with every
 * workbook written. Each call becomes the same allocation through Buffer.alloc / Buffer.from
 * (`new Buffer(n)` has been zero-filled since Node 8, as Buffer.alloc is).
 */
function noBufferConstructor(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const calls = text.match(/\bnew Buffer\(/g)?.length ?? 0;
  if (calls === 0) return;
  const helper = 'function __sanziBuffer(a,b,c){return typeof a=="number"?Buffer.alloc(a):Buffer.from(a,b,c)}\n';
  fs.writeFileSync(file, helper + text.replace(/\bnew Buffer\(/g, '__sanziBuffer('));
}

const result = await build({
  entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Strings and names come out escaped (\uXXXX); comments go; local names are shortened: 20 % less
  // to read, hold and deserialize at every start (the trial balance −2–5 ms of CPU, perf stat of 20
  // runs). No code of sanzi's reads a function's or class's name (a SANZI_DEBUG stack trace names the
  // shortened ones; the modules in dist/ keep them).
  charset: 'ascii',
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  // better-sqlite3's addon stays where npm put it (a native module cannot be bundled); directAddon.
  external: ['*.node', 'better-sqlite3/package.json'],
  // CommonJS has no import.meta: give the modules that use import.meta.url the bundle's own URL.
  define: { 'import.meta.url': '__sanziBundleUrl', __SANZI_COMMANDS__: JSON.stringify(listing) },
  // import() of a module in the bundle or of a vendor bundle as require(): a script run by vm has no ES module loader.
  supported: { 'dynamic-import': false },
  banner: { js: "'use strict';const __sanziBundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  metafile: true,
  plugins: [inlineRequires, vendored, lazyChildProcess, directAddon],
});

/** A worker thread's script, beside the bundle: its own entry, bundled the way the main one is. */
async function workerBundle(entry: string[], name: string, opts: { plugins: Plugin[]; ascii?: boolean; external?: string[] }): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'src', ...entry)],
    outfile: path.join(path.dirname(outfile), name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    ...(opts.ascii ? { charset: 'ascii' as const } : {}),
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    ...(opts.external ? { external: opts.external } : {}),
    define: { 'import.meta.url': '__sanziBundleUrl' },
    supported: { 'dynamic-import': false },
    banner: { js: "'use strict';const __sanziBundleUrl=require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
    plugins: opts.plugins,
  });
}
// verify's worker thread (src/store/verify-parallel.ts).
await workerBundle(['store', 'verify-worker.ts'], 'verify-worker.cjs', { plugins: [inlineRequires, directAddon], external: ['*.node', 'better-sqlite3/package.json'] });
// The reading thread of `import vouchers` (src/commands/import-vouchers-thread.ts).
// (It hashes its batches with SQLite of its own: batch-hasher.ts.)
await workerBundle(['commands', 'import-vouchers-worker.ts'], 'import-vouchers-worker.cjs', {
  plugins: [inlineRequires, vendored, directAddon],
  ascii: true,
  external: ['*.node', 'better-sqlite3/package.json'],
});

// esbuild leaves regular expression literals as written (/^(\d{4})年(\d{1,2})月$/). A \uXXXX escape
// means the same character there, with or without the u flag (a surrogate pair of escapes is one
// code point under u); an identity escape (\年) becomes the \u escape alone.
const source = result.outputFiles[0].text.replace(/(\\*)([^\x00-\x7f])/g, (_m, slashes: string, ch: string) => {
  const escaped = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return (slashes.length % 2 ? slashes.slice(1) : slashes) + escaped;
});
if (/[^\x00-\x7f]/.test(source)) throw new Error('the bundle is not pure ASCII');
// Written already wrapped as the function CommonJS makes of a module, which loadBundle() in
// bin/sanzi.js compiles as it reads it: wrapping it there would copy 0.9 MB more at every start.
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
fs.mkdirSync(path.dirname(outfile), { recursive: true });
fs.writeFileSync(outfile, wrapped, 'latin1');

// The code cache (below). The script must be compiled exactly as loadBundle() in bin/sanzi.js
// compiles it (the same text), or V8 rejects the cache.
const script = new vm.Script(wrapped, { filename: outfile });
const module = { exports: {} as { main: Main } };
(script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(outfile), module, outfile, path.dirname(outfile));

async function run(main: Main, args: string[]): Promise<string> {
  let out = '';
  const code = await main(['node', 'sanzi', ...args], { stdout: (s: string) => (out += s), stderr: (s: string) => (out += s), env: {}, columns: 100 });
  return `${out}\nexit ${code}`;
}
// The code cache holds what V8 compiled before it is made: `--help`, and the commands run most
// often between two imports (a voucher, the chart, the trial balance, the balance sheet, an
// account's ledger) on a small ledger of their own. The rest is compiled when first used.
await run(module.exports.main, ['--help']);
const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-bundle-'));
try {
  const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: warm, now: () => new Date('2024-12-31T12:00:00') };
  for (const args of [
    ['init', '--name', '缓存', '--start', '2024-01'],
    ['voucher', 'add', '--date', '2024-03-05', '--summary', '收入', '--debit', '101:1200', '--credit', '501:1200'],
    ['account', 'list'],
    ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-12'],
    ['report', 'balance-sheet', '--as-of', '2024-06-15'],
    ['report', 'ledger', '--account', '101', '--from', '2024-01', '--to', '2024-12'],
  ]) {
    const code = await module.exports.main(['node', 'sanzi', '--db', path.join(warm, 'warm.db'), ...args], io);
    if (code !== 0) throw new Error(`sanzi ${args.join(' ')} exited ${code} while making the code cache`);
  }
} finally {
  fs.rmSync(warm, { recursive: true, force: true });
}
const cache = script.createCachedData();
fs.writeFileSync(outfile + '.cache', cache);

// The bundle must say what the modules say: its help is drawn from the listing, theirs from every group.
for (const args of [['--help'], [], ['help'], ['--lang', 'en', '--help'], ['--version'], ['nosuch'], ['repot'], ['help', 'report'], ['report', '--help']]) {
  if ((await run(module.exports.main, args)) !== (await run(modular.main, args))) throw new Error(`the bundle and dist/cli/main.js answer \`sanzi ${args.join(' ')}\` differently`);
}

const modules = Object.keys(result.metafile.inputs).length;
console.log(
  `bundle: ${path.relative(root, outfile)} (${(source.length / 1024).toFixed(0)} KB, ${modules} modules), its code cache (${(cache.length / 1024).toFixed(0)} KB) and ${VENDOR.map((v) => `vendor/${v}.cjs`).join(', ')}`,
);
