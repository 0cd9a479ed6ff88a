// What the registers and the ledger hold, as one comparable value: a refused command must leave it
// exactly as it was (no voucher, no card, no resource, no contract, no payment, no price).
import type { Sandbox } from '../harness.js';

export async function registerState(sb: Sandbox): Promise<string> {
  const parts: string[] = [];
  for (const args of [
    ['voucher', 'list'],
    ['asset', 'list', '--all'],
    ['resource', 'list', '--as-of', '2030-12-31'],
    ['contract', 'list', '--as-of', '2030-12-31'],
    ['contract', 'dues', '--as-of', '2099-12-31'],
  ]) {
    parts.push((await sb.ok(...args, '--format', 'json')).stdout);
  }
  return parts.join('\n');
}
