import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe('harness', () => {
  it('init then a balanced voucher shows in the trial balance', async () => {
    sb = new Sandbox();
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    await sb.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '102:1000', '--credit', '501:1000');
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'json')).json();
    expect(tb.totals).toEqual({ debit: '1000.00', credit: '1000.00' });
  });
});
