// Shared setup for the members, shares and contributions end-to-end tests: template ledgers built
// once per test file, each test starting from a fresh copy.
import path from 'node:path';
import { FIXTURES, Sandbox } from '../harness.js';

export const fx = (name: string): string => path.join(FIXTURES, name);

async function withMembers(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2016-01');
  await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '300');
  await s.ok('import', 'members', fx('members-basic.csv'));
}

/** A ledger from 2016-01 with project tq (par 300.00) and the five members of members-basic.csv. */
export function ledgerWithMembers(): Promise<Sandbox> {
  return Sandbox.from('members', withMembers);
}

/** The same, with the six contributions of contributions-mixed.csv (46.9121 shares of tq). */
export function ledgerWithContributions(): Promise<Sandbox> {
  return Sandbox.from('contributions', async (s) => {
    await withMembers(s);
    await s.ok('import', 'contributions', fx('contributions-mixed.csv'));
  });
}

/** Everything a refused command must leave untouched. */
export async function snapshot(sb: Sandbox): Promise<string> {
  const parts = await Promise.all([
    sb.ok('member', 'list', '--format', 'json'),
    sb.ok('shares', '--project', 'tq', '--as-of', '2030-12-31', '--format', 'json'),
    sb.ok('shares', '--project', 'main', '--as-of', '2030-12-31', '--format', 'json'),
    sb.ok('contribution', 'list', '--format', 'json'),
    sb.ok('voucher', 'list', '--format', 'json'),
    sb.ok('project', 'list', '--format', 'json'),
    sb.ok('account', 'list', '--format', 'json'),
  ]);
  return parts.map((p) => p.stdout).join('\n');
}
