#!/usr/bin/env -S NODE_EXTRA_CA_CERTS= GLIBC_TUNABLES=glibc.malloc.hugetlb=1 MALLOC_TOP_PAD_=4194304 MALLOC_ARENA_MAX=1 node
// The #! line starts Node in an environment of its own (GNU env -S, coreutils 8.30 and later; the
// line is kept under the 127 characters older Linux kernels read of it):
// - NODE_EXTRA_CA_CERTS empty: Node 20 reads and parses the certificate bundle it names as it starts
//   (some 50 ms on a small machine, a third of a report's time); sanzi makes no network connection.
// - glibc's malloc (ignored by any other C library): the heap grows 4 MiB at a time and may be
//   backed by 2 MiB pages (hugetlb=1, where the kernel's transparent huge pages are "madvise"), and
//   every thread allocates from the one arena. A page of memory touched for the first time costs
//   the kernel some 13 µs on the benchmark's machine, a good part of every command; so measured
//   there (perf stat, 20 runs each): --help 87 → 80 ms, the trial balance 103 → 92 ms, the balance
//   sheet 148 → 130 ms, a ledger of 97,000 lines −55 ms; a million-line import as fast, at 130–133
//   instead of 138–141 MB (two threads, one arena).
// CommonJS (bin/package.json says so): Node starts a CommonJS script some 10 ms sooner than an ES
// module, and the bundle below is CommonJS anyway.
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

// A closed pipe on standard output (sanzi … | head) ends quietly, like git log | head; standard
// output that cannot be written (a full disk, /dev/full) is said in a line and exit 1, never with a
// stack trace. Standard error gone (its reader, or the disk): nothing more is written there, and
// the command ends with its own exit code (a refusal nobody reads is still a refusal to a script).
function quietOnClose(stream, fd) {
  stream.on('error', (e) => {
    if (fd === 2) return;
    if (e && e.code === 'EPIPE') process.exit(0);
    cannotWrite(e);
  });
  return stream;
}

function cannotWrite(e) {
  const argv = process.argv;
  const en = process.env.SANZI_LANG === 'en' || argv.includes('--lang=en') || argv[argv.indexOf('--lang') + 1] === 'en';
  const full = e && e.code === 'ENOSPC';
  const why = full ? (en ? 'no space left on the disk' : '磁盘已满') : (e && (e.code || e.message)) || String(e);
  try {
    fs.writeSync(2, en ? `sanzi: cannot write the output to standard output (${why})\n` : `sanzi：无法写出结果到标准输出（${why}）\n`);
  } catch {
    // stderr gone as well: the exit code says it
  }
  process.exit(1);
}

/**
 * Standard output (fd 1) or standard error (fd 2). A file or a pipe is written to directly, each
 * chunk whole before the next (as process.stdout and process.stderr write files and pipes on
 * Linux), without making the stream: that loads Node's stream modules (and, for a pipe, its socket
 * modules), some milliseconds of every command. A terminal (or /dev/null, also a character device)
 * gets Node's stream itself.
 */
function outputFor(fd) {
  let direct = false;
  try {
    const st = fs.fstatSync(fd);
    direct = st.isFile() || st.isFIFO() || st.isSocket();
  } catch {
    // closed or odd: Node's own stream decides
  }
  if (!direct) {
    const stream = quietOnClose(fd === 1 ? process.stdout : process.stderr, fd);
    return { write: (chunk) => stream.write(chunk), columns: stream.isTTY ? stream.columns : undefined };
  }
  let pause = null;
  let gone = false;
  const write = (chunk) => {
    if (gone) return true;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let off = 0; off < buf.length; ) {
      try {
        off += fs.writeSync(fd, buf, off, buf.length - off);
      } catch (e) {
        // A pipe left non-blocking by whoever made it: wait a millisecond for the reader.
        if (e.code === 'EAGAIN') Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
        else if (fd === 2) {
          gone = true;
          return true;
        } else if (e.code === 'EPIPE') process.exit(0);
        else cannotWrite(e);
      }
    }
    return true;
  };
  return { write, columns: undefined };
}
const stdout = outputFor(1);
// stderr is looked at when first written to (most runs never do; a written --out says so there).
let stderr = null;
const writeErr = (chunk) => (stderr ??= outputFor(2)).write(chunk);

/**
 * The CLI's main(). `npm run build` writes dist/bundle/sanzi.cjs (every module in one script) and
 * V8's code cache of it (src/tools/bundle.ts): one file read and little compiling, instead of some
 * 90 ES modules resolved, read and compiled one by one. Without the bundle, or when tsc has written
 * dist/ since it was made, the modules themselves are loaded.
 */
async function loadMain() {
  const bundle = path.join(__dirname, '..', 'dist', 'bundle', 'sanzi.cjs');
  try {
    if (fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(__dirname, '..', 'dist', 'cli', 'main.js')).mtimeMs) return loadBundle(bundle);
  } catch {
    // no bundle: the modules below
  }
  return (await import('../dist/cli/main.js')).main;
}

/**
 * Run the bundle as a CommonJS module with its code cache (compiled the same way in
 * src/tools/bundle.ts). The file holds the module already wrapped as CommonJS wraps one,
 * `(function (exports, require, module, __filename, __dirname) {…})`: compiled as read, no copy.
 */
function loadBundle(file) {
  const vm = require('node:vm');
  // Pure ASCII (src/tools/bundle.ts makes sure), so latin1 gives the same string without decoding.
  const source = fs.readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = fs.readFileSync(file + '.cache');
  } catch {
    // compiled from source instead
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports.main;
}

// A command whose work stopped on a promise nothing will settle (a library waiting on a stream that
// failed elsewhere) would end with nothing said and exit 0: it is an internal error instead.
let finished = false;
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  writeErr('sanzi 内部错误：命令没有完成就停止了\n');
  process.exitCode = 1;
});

loadMain()
  .then((main) => main(process.argv, { stdout: stdout.write, columns: stdout.columns, stderr: writeErr }))
  .then((code) => {
    finished = true;
    process.exitCode = code;
  });
