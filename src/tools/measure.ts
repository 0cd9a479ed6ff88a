// Run the CLI once in this process and report its peak memory (for the benchmark).
import { main } from '../cli/main.js';

const code = await main(['node', 'sanzi', ...process.argv.slice(2)], { stdout: () => undefined });
process.stderr.write(`\nMAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
