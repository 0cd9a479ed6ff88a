#!/usr/bin/env node
// A closed pipe (sanzi … | head) ends quietly, like git log | head.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
