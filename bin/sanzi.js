#!/usr/bin/env node
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// A closed pipe (sanzi … | head) ends quietly, like git log | head.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

/**
 * The CLI's main(). `npm run build` writes dist/bundle/sanzi.cjs (every module in one script) and
 * V8's code cache of it (src/tools/bundle.ts): one file read and little compiling, instead of some
 * 90 ES modules resolved, read and compiled one by one. Without the bundle, or when tsc has written
 * dist/ since it was made, the modules themselves are loaded.
 */
async function loadMain() {
  const bundle = fileURLToPath(new URL('../dist/bundle/sanzi.cjs', import.meta.url));
  try {
    if (fs.statSync(bundle).mtimeMs >= fs.statSync(new URL('../dist/cli/main.js', import.meta.url)).mtimeMs) return loadBundle(bundle);
  } catch {
    // no bundle: the modules below
  }
  return (await import('../dist/cli/main.js')).main;
}

/** Run the bundle as a CommonJS module with its code cache (compiled the same way in src/tools/bundle.ts). */
function loadBundle(file) {
  // Pure ASCII (src/tools/bundle.ts makes sure), so latin1 gives the same string without decoding.
  const source = fs.readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = fs.readFileSync(file + '.cache');
  } catch {
    // compiled from source instead
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports.main;
}

const main = await loadMain();
process.exitCode = await main(process.argv);
