// Part of `npm run build` (after tsc): the CLI as one file, so that a command starts without
// resolving, reading and compiling some 140 modules one by one.
//
//   dist/bundle/sanzi.cjs        src/cli/main.ts and its pure-JS dependencies as one CommonJS
//                                script (better-sqlite3 stays outside: it is native); what src/
//                                loads on first use is still evaluated on first use
//   dist/bundle/sanzi.cjs.cache  V8's code cache of that script, made after running `--help`, so
//                                the functions a command needs most start compiled
//
// bin/sanzi.js loads them (loadBundle there); when the bundle is missing or older than tsc's output
// it runs dist/cli/main.js, the same program unbundled (also the one to debug with). The bundle is
// pure ASCII, so bin/sanzi.js reads it as latin1: a one-byte string, no UTF-8 decoding (on Node 20
// decoding this much Chinese text costs more than reading the file).
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

const result = await build({
  entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Strings and names come out escaped (\uXXXX); comments go; names stay as they are.
  charset: 'ascii',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  external: ['better-sqlite3'],
  // CommonJS has no import.meta: give the modules that use import.meta.url the bundle's own URL.
  define: { 'import.meta.url': '__sanziBundleUrl' },
  banner: { js: "'use strict';const __sanziBundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  metafile: true,
  plugins: [inlineRequires],
});

// esbuild leaves regular expression literals as written (/^(\d{4})年(\d{1,2})月$/). A \uXXXX escape
// means the same character there, with or without the u flag (a surrogate pair of escapes is one
// code point under u); an identity escape (\年) becomes the \u escape alone.
const source = result.outputFiles[0].text.replace(/(\\*)([^\x00-\x7f])/g, (_m, slashes: string, ch: string) => {
  const escaped = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return (slashes.length % 2 ? slashes.slice(1) : slashes) + escaped;
});
if (/[^\x00-\x7f]/.test(source)) throw new Error('the bundle is not pure ASCII');
fs.mkdirSync(path.dirname(outfile), { recursive: true });
fs.writeFileSync(outfile, source, 'latin1');

// The code cache, made after one run of `--help`. The script must be compiled exactly as
// loadBundle() in bin/sanzi.js compiles it (the same wrapped source), or V8 rejects the cache.
const wrap = (s: string) => `(function (exports, require, module, __filename, __dirname) {${s}\n})`;
const script = new vm.Script(wrap(source), { filename: outfile });
type Main = (argv: string[], io?: object) => Promise<number>;
const module = { exports: {} as { main: Main } };
(script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(outfile), module, outfile, path.dirname(outfile));

// The bundle must say what the modules say.
async function help(main: Main): Promise<string> {
  let out = '';
  const code = await main(['node', 'sanzi', '--help'], { stdout: (s: string) => (out += s), stderr: () => undefined, env: {} });
  if (code !== 0) throw new Error(`sanzi --help exited ${code}`);
  return out;
}
const modular = ((await import(path.join(root, 'dist', 'cli', 'main.js'))) as { main: Main }).main;
if ((await help(module.exports.main)) !== (await help(modular))) throw new Error('the bundle and dist/cli/main.js print different help');

const cache = script.createCachedData();
fs.writeFileSync(outfile + '.cache', cache);

const modules = Object.keys(result.metafile.inputs).length;
console.log(`bundle: ${path.relative(root, outfile)} (${(source.length / 1024).toFixed(0)} KB, ${modules} modules) and its code cache (${(cache.length / 1024).toFixed(0)} KB)`);
