// What verify finds: each finding says what and where; the command exits 3.
import { catalogue } from '../errors.js';

export const VerifyErrors = catalogue({
  SQLITE_INTEGRITY: (detail: string) => ({ zh: `数据库文件损坏：${detail}`, en: `database damaged: ${detail}` }),
  /** `rowid` is null for a table without row ids (audit_rows). */
  FOREIGN_KEY: (table: string, rowid: number | null, parent: string) => ({
    zh: `表 ${table} ${rowid === null ? '中有一' : `第 ${rowid} `}行引用的 ${parent} 记录不存在`,
    en: `${table} ${rowid === null ? 'has a row that refers' : `row ${rowid} refers`} to a missing ${parent} row`,
  }),
  TRIGGERS: (missing: string) => ({
    zh: `只追加保护（触发器）被删除：${missing}`,
    en: `the append-only triggers were removed: ${missing}`,
  }),
  SCHEMA_CHANGED: (type: string, name: string, how: string, howEn: string) => ({
    zh: `数据库结构被改动：${type} ${name} ${how}（在 sanzi 之外改动；表的约束、索引或触发器可能已失效）`,
    en: `the database structure was changed: ${type} ${name} ${howEn} (outside sanzi; constraints, indexes or triggers may no longer hold)`,
  }),
  INDEX_MISMATCH: (index: string, table: string) => ({
    zh: `索引 ${index} 与表 ${table} 的内容不符（数据库文件在 sanzi 之外被改动；经此索引查出的账簿、名册或分配方案会出错）；请用 sanzi restore 从最近的备份恢复`,
    en: `index ${index} disagrees with table ${table} (the file was changed outside sanzi; books, registers or plans read through it would be wrong); restore the latest backup with sanzi restore`,
  }),
  HASH_CHAIN: () => ({
    zh: '凭证内容与防篡改校验码不符（凭证被改动或删除）',
    en: 'the voucher does not match its hash (altered or deleted)',
  }),
  UNBALANCED: (d: string, c: string) => ({ zh: `借贷不平：${d} ≠ ${c}`, en: `unbalanced: ${d} ≠ ${c}` }),
  NO_LINES: () => ({ zh: '凭证没有分录', en: 'voucher has no lines' }),
  NUMBER_GAP: (expected: number) => ({ zh: `凭证号不连续：应为第${expected}号`, en: `numbering gap: expected ${expected}` }),
  BALANCES: (what: string, whatEn: string, key: string) => ({
    zh: `${what}与凭证分录不符：${key}`,
    en: `${whatEn} disagree with the voucher lines: ${key}`,
  }),
  AUDIT_CHAIN: (id: number) => ({
    zh: `审计记录 #${id} 与其校验码不符（审计记录被改动、插入或删除）`,
    en: `audit record #${id} does not match its hash (altered, inserted or removed)`,
  }),
  AUDIT_GAP: (expected: number, found: number) => ({
    zh: `审计记录编号不连续：应为 #${expected}，实为 #${found}`,
    en: `audit records are not consecutive: expected #${expected}, found #${found}`,
  }),
  AUDIT_ROW_CHANGED: (table: string, rowid: number) => ({
    zh: `表 ${table} 第 ${rowid} 行与审计留痕记录的内容不符（在 sanzi 之外被改动）`,
    en: `${table} row ${rowid} differs from what the audit trail recorded (changed outside sanzi)`,
  }),
  AUDIT_ROW_UNRECORDED: (table: string, rowid: number) => ({
    zh: `表 ${table} 第 ${rowid} 行没有审计记录（在 sanzi 之外写入，或最新的审计记录被删除）`,
    en: `${table} row ${rowid} has no audit record (written outside sanzi, or the newest audit records were removed)`,
  }),
  AUDIT_ROW_MISSING: (table: string, rowid: number) => ({
    zh: `表 ${table} 第 ${rowid} 行已被删除，但审计留痕中仍有记录（在 sanzi 之外删除）`,
    en: `${table} row ${rowid} was deleted outside sanzi (the audit trail records it)`,
  }),
  /** A member or project the lines carry (their balances) that no register row is. */
  LINE_DIMENSION_UNKNOWN: (kind: 'member' | 'project', code: string) => ({
    zh: `分录上的${kind === 'member' ? '成员' : '项目'}「${code}」不在${kind === 'member' ? '成员名册' : '项目列表'}中（凭证分录在 sanzi 之外被改动过；按成员、项目查看的往来与收益会出错）`,
    en: `the lines carry ${kind} "${code}", which is on no register (the voucher lines were changed outside sanzi; balances by ${kind} would be wrong)`,
  }),
  /** The record written down outside the ledger (verify --expect) is not in the trail as it was. */
  AUDIT_ANCHOR: (id: number, expected: string, found: string | null) => ({
    zh: `审计留痕第 ${id} 条记录${found === null ? '不存在' : `的校验码是 ${found}`}，与留存的 ${expected} 不符：账套在 sanzi 之外被改写后重新计算了校验码、被截去了最新的记录，或者换成了别的账套；请用 sanzi restore 从可靠的备份恢复`,
    en: `audit record ${id} ${found === null ? 'does not exist' : `has the hash ${found}`}, not the ${expected} written down: the ledger was rewritten and its hashes recomputed, cut back, or swapped for another; restore a backup you trust with sanzi restore`,
  }),
  AUDIT_VOUCHERS: (from: number, to: number) => ({
    zh: `凭证（内部编号 ${from}–${to}）没有审计记录（在 sanzi 之外写入，或最新的审计记录被删除）`,
    en: `vouchers (ids ${from}–${to}) have no audit record (written outside sanzi, or the newest audit records were removed)`,
  }),
  AUDIT_VOUCHER_HEAD: (id: number) => ({
    zh: `审计记录 #${id} 所记的最后一张凭证的校验码与账套不符（凭证被改动）`,
    en: `the last voucher recorded by audit record #${id} has a different hash (vouchers altered)`,
  }),
  AUDIT_MISSING_VOUCHERS: (id: number) => ({
    zh: `审计记录 #${id} 记录的凭证已不在账套中（凭证被删除）`,
    en: `vouchers recorded by audit record #${id} are missing (deleted)`,
  }),
  OLDER_COPY_FAILED: (version: number, detail: string) => ({
    zh: `账套是旧版本（第 ${version} 版）：verify 不改动它，要在临时文件夹里复制一份、升级副本后校验，但复制没有成功（${detail}）；原账套未改动。请让环境变量 TMPDIR 指向一个空间足够、可写的文件夹后重试`,
    en: `the ledger is of an older version (${version}): verify leaves it as it is and checks an upgraded copy in a temporary folder, but the copy could not be made (${detail}); the ledger is unchanged. Point TMPDIR at a writable folder with room for it and try again`,
  }),
  UNREADABLE: (detail: string) => ({
    zh: `账套文件无法完整读取（已损坏或被截断）：${detail}；请用 sanzi restore 从最近的备份恢复`,
    en: `the ledger cannot be read in full (damaged or truncated): ${detail}; restore the latest backup with sanzi restore`,
  }),
  AUDIT_VOUCHER_ROWS: (id: number, first: string, last: string) => ({
    zh: `凭证 ${first}${first === last ? '' : ` 至 ${last}`} 的内容（附件数、制单人或录入时间）与审计记录 #${id} 不符（在 sanzi 之外被改动）`,
    en: `vouchers ${first}${first === last ? '' : `…${last}`} differ from audit record #${id} (attachments, preparer or entry time changed outside sanzi)`,
  }),
  REGISTER_AMOUNT: (what: string, whatEn: string, amount: string, booked: string, side: string, sideEn: string) => ({
    zh: `${what}金额 ${amount} 与其凭证${side} ${booked} 不符（台账或凭证在 sanzi 之外被改动）`,
    en: `${whatEn}: amount ${amount} disagrees with its voucher's ${sideEn} ${booked} (register or voucher changed outside sanzi)`,
  }),
  MORE_FINDINGS: (n: number) => ({ zh: `……另有 ${n} 处同类问题未列出`, en: `… and ${n} more of the same kind` }),
});
