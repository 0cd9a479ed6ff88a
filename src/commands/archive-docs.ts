// The documents of a year's 会计档案, in the order of the manifest: vouchers, books, monthly and
// annual reports, distributions, year-end registers. Each is the same Output its own command prints.
import { safeName, type ArchiveKind } from '../domain/archive.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { assetRegister, reconcileRegister } from '../domain/assets.js';
import { contractListItems } from '../domain/contract-dues.js';
import { inForceBySubject } from '../domain/resources.js';
import { rosterLines } from '../domain/dividend-payout.js';
import { DAY_BOOKS } from '../domain/statements.js';
import type { Ledger } from '../store/ledger.js';
import { declaredProjects } from '../store/queries.js';
import { depreciationTotalsAsOf, fixedAssetBalances, listAssets } from '../store/assets.js';
import { contractFiles, contractHeads } from '../store/contracts.js';
import { listResources } from '../store/resources.js';
import { listProjects, registerAsOf } from '../store/shares.js';
import { listMembers } from '../store/members.js';
import { listPayments, memberCards, requireDeclared } from '../store/dividends.js';
import type { Output } from '../io/output.js';
import type { PrintOpts } from '../io/views/reports.js';
import { assetListView } from '../io/views/assets.js';
import { contractListView } from '../io/views/contracts.js';
import { resourceListView } from '../io/views/resources.js';
import { noticeView, rollView, shownView } from '../io/views/dividends.js';
import { shareRegisterView } from '../io/views/archive.js';
import {
  accountsWithActivity,
  balanceSheetDoc,
  bookDoc,
  generalLedgerDoc,
  incomeDoc,
  journalDoc,
  trialBalanceDoc,
  voucherSlipsDoc,
} from './documents.js';

export interface ArchiveDoc {
  /** The path without its extension: .html and .csv are written (.html only when `htmlOnly`). */
  path: string;
  title: string;
  kind: ArchiveKind;
  /** Built when written, so that a year of documents is never all in memory at once. */
  build: () => Output;
  htmlOnly?: boolean;
}

export function archiveDocuments(ledger: Ledger, year: number, print: PrintOpts): ArchiveDoc[] {
  const y = String(year);
  const whole = { from: `${y}-01`, to: `${y}-12` };
  const yearEnd: IsoDate = `${y}-12-31`;
  const docs: ArchiveDoc[] = [
    { path: `01-凭证/记账凭证-${y}`, title: `${y} 年记账凭证`, kind: 'voucher', build: () => voucherSlipsDoc(ledger, whole, print) },
    { path: `01-凭证/序时账-${y}`, title: `${y} 年序时账`, kind: 'voucher', build: () => journalDoc(ledger, whole, print) },
    { path: `02-账簿/总账-${y}`, title: `${y} 年总账`, kind: 'book', build: () => generalLedgerDoc(ledger, whole, print) },
    { path: `02-账簿/现金日记账-${y}`, title: `${y} 年现金日记账`, kind: 'book', build: () => bookDoc(ledger, DAY_BOOKS['cash-book'], 'cash-book', whole, print) },
    { path: `02-账簿/银行存款日记账-${y}`, title: `${y} 年银行存款日记账`, kind: 'book', build: () => bookDoc(ledger, DAY_BOOKS['bank-book'], 'bank-book', whole, print) },
  ];
  for (const code of accountsWithActivity(ledger, whole)) {
    const name = ledger.account(code)?.name ?? '';
    docs.push({ path: `02-账簿/明细账/${safeName(`${code}-${name}`)}`, title: `${y} 年明细账 ${code} ${name}`, kind: 'book', build: () => bookDoc(ledger, code, 'ledger', whole, print) });
  }
  for (let m = 1; m <= 12; m++) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    docs.push({ path: `03-月报/科目余额表-${p}`, title: `${p} 科目余额表`, kind: 'monthly-report', build: () => trialBalanceDoc(ledger, { from: p, to: p }, print) });
  }
  docs.push(
    { path: `04-年报/资产负债表-${y}`, title: `${y} 年资产负债表`, kind: 'annual-report', build: () => balanceSheetDoc(ledger, yearEnd, print) },
    { path: `04-年报/收益及收益分配表-${y}`, title: `${y} 年收益及收益分配表`, kind: 'annual-report', build: () => incomeDoc(ledger, year, print) },
    { path: `04-年报/科目余额表-${y}`, title: `${y} 年科目余额表（全年）`, kind: 'annual-report', build: () => trialBalanceDoc(ledger, whole, print) },
  );
  for (const code of declaredProjects(ledger, year)) {
    const d = () => requireDeclared(ledger, code, year);
    const name = safeName(`${code}-${d().project.name}`);
    const roster = () => rosterLines(d().distribution, memberCards(ledger));
    const from = d().declaredAt.slice(0, 10);
    docs.push(
      {
        path: `05-收益分配/${name}/分配方案-${y}`,
        title: `${y} 年收益分配方案 ${d().project.name}`,
        kind: 'distribution',
        build: () => shownView(d(), listPayments(ledger, d().id).reduce((a, x) => a + x.amount, 0), print.lang),
      },
      { path: `05-收益分配/${name}/分红发放表-${y}`, title: `${y} 年分红发放表 ${d().project.name}`, kind: 'distribution', build: () => rollView(d(), true, roster()) },
      {
        path: `05-收益分配/${name}/分配公示-${y}`,
        title: `${y} 年收益分配公示 ${d().project.name}`,
        kind: 'distribution',
        build: () => noticeView(d(), true, ledger.orgName(), roster(), print.lang, { from, to: addDays(from, 6) }),
      },
    );
  }
  docs.push(
    {
      path: `06-台账/资产台账-${y}`,
      title: `${y} 年末资产台账`,
      kind: 'register',
      build: () => {
        const lines = assetRegister(listAssets(ledger), depreciationTotalsAsOf(ledger, yearEnd), ledger.startPeriod(), yearEnd);
        return { ...assetListView({ asOf: yearEnd, lines, all: true, reconciliation: reconcileRegister(lines, fixedAssetBalances(ledger, yearEnd)) }), entity: print.entity };
      },
    },
    {
      path: `06-台账/资源台账-${y}`,
      title: `${y} 年末资源台账`,
      kind: 'register',
      build: () => ({ ...resourceListView({ asOf: yearEnd, resources: listResources(ledger, yearEnd), inForce: inForceBySubject(contractHeads(ledger), yearEnd) }), entity: print.entity }),
    },
    {
      path: `06-台账/合同台账-${y}`,
      title: `${y} 年末合同台账`,
      kind: 'register',
      build: () => {
        return { ...contractListView(yearEnd, contractListItems(contractFiles(ledger), yearEnd)), entity: print.entity };
      },
    },
  );
  const names = new Map(listMembers(ledger).map((m) => [m.id, m.name]));
  for (const p of listProjects(ledger)) {
    docs.push({
      path: `06-台账/股东名册-${safeName(`${p.code}-${p.name}`)}-${y}`,
      title: `${y} 年末股东名册 ${p.name}`,
      kind: 'register',
      build: () => {
        const lines = [...registerAsOf(ledger, p.code, yearEnd)].map(([member, h]) => ({ member, name: names.get(member) ?? '', shares: h.total, value: Math.round((h.total * p.par) / 10000) }));
        return shareRegisterView(p, yearEnd, lines, print.entity);
      },
    });
  }
  return docs;
}
