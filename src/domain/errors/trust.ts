// Trust: reading untrusted files (CSV that is not what it claims, hostile cells), backups and
// restores, and the audit log. Each message says what is wrong, where, and what to do next.
import { catalogue } from '../errors.js';

/** Reading an import file: what it is, how it is encoded, and each cell's characters. */
export const CsvErrors = catalogue({
  FILE_MISSING: (file: string) => ({ zh: `文件「${file}」不存在`, en: `file "${file}" does not exist` }),
  FILE_IS_DIR: (file: string) => ({ zh: `「${file}」是文件夹，不是 CSV 文件`, en: `"${file}" is a folder, not a CSV file` }),
  FILE_UNREADABLE: (file: string, why: string) => ({ zh: `无法读取文件「${file}」：${why}`, en: `cannot read "${file}": ${why}` }),
  CSV_EMPTY: (headerOnly: boolean) =>
    headerOnly
      ? { zh: '文件只有表头，没有数据行', en: 'the file has a header but no rows' }
      : { zh: '文件是空的：没有表头，也没有数据', en: 'the file is empty: no header, no rows' },
  CSV_WORKBOOK: (kind: string) => ({
    zh: `这是 Excel 工作簿（${kind}），sanzi 读不了这种旧格式；请在 Excel 或 WPS 中“另存为 → Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入`,
    en: `this is an Excel workbook (${kind}) in a format sanzi does not read; in Excel or WPS use "Save As → Excel Workbook (.xlsx)" or "CSV UTF-8 (comma delimited)" and import that`,
  }),
  CSV_NOT_TEXT: (what: string, whatEn: string) => ({
    zh: `这不是 CSV 文本文件（${what}）；请导入用 Excel 或 WPS“另存为 CSV”得到的文件`,
    en: `this is not a CSV text file (${whatEn}); import a file saved as CSV from Excel or WPS`,
  }),
  CSV_ENCODING: (encoding: string) => ({
    zh: `文件是 ${encoding} 编码（Excel 的“Unicode 文本”），sanzi 读取 UTF-8 或 GBK；请“另存为 → CSV UTF-8（逗号分隔）”后再导入`,
    en: `the file is encoded as ${encoding} (Excel "Unicode text"); sanzi reads UTF-8 or GBK: save it as "CSV UTF-8 (comma delimited)"`,
  }),
  CSV_MALFORMED: (why: string, whyEn: string) => ({ zh: `CSV 格式错误：${why}`, en: `malformed CSV: ${whyEn}` }),
  CSV_FIELD_TOO_LONG: (column: number, max: string) => ({
    zh: `第 ${column} 列的内容超过 ${max} 个字符（常见原因：引号没有闭合，后面的内容都被当成了这一格）`,
    en: `column ${column} is longer than ${max} characters (often a quote left open, so the rest of the file became one cell)`,
  }),
  CSV_RECORD_TOO_LONG: (max: string) => ({
    zh: `这一行超过 ${max} 个字符，不像是表格的一行（引号没有闭合，或不是 CSV 文件）`,
    en: `this row is longer than ${max} characters; it is not a table row (a quote left open, or not a CSV file)`,
  }),
  CSV_BAD_CHAR: (column: string, char: string, what: string, whatEn: string) => ({
    zh: `「${column}」列含有${what}（${char}），它在表格里看不见；请删除后重新导入`,
    en: `column "${column}" contains ${whatEn} (${char}), which is invisible in a spreadsheet; delete it and import again`,
  }),
  CSV_MIXED_ENCODING: (column: string) => ({
    zh: `「${column}」列含有无法识别的字符（�）：文件的编码不一致（一部分是 UTF-8，一部分不是）；请用 Excel 或 WPS 重新“另存为 CSV UTF-8”`,
    en: `column "${column}" contains undecodable bytes (�): the file mixes encodings; save it again as CSV UTF-8`,
  }),
  CSV_EXTRA_CELLS: (cells: number, columns: number) => ({
    zh: `这一行有 ${cells} 格，表头只有 ${columns} 列，多出的内容无处可放；常见原因是某一格里的逗号没有加引号（如金额 1,234.50 应写成 "1,234.50"）`,
    en: `this row has ${cells} cells but the header has ${columns} columns; often a comma inside a cell without quotes (write "1,234.50")`,
  }),
  /** A cell under a header cell left empty: a column with no name, whose content no import reads. */
  CSV_UNNAMED_CELL: (column: number) => ({
    zh: `第 ${column} 列没有列名（表头这一格是空的），这一行在该列却有内容，导入时无处可放；请给该列填上列名，或删除这一列`,
    en: `column ${column} has no name in the header, but this row has something in it that no column takes; name the column or delete it`,
  }),
  CSV_HEADER_REPEATED: () => ({
    zh: '这一行又是表头（像是把两个 CSV 文件直接拼接在了一起）；请删除这一行',
    en: 'this row repeats the header (two CSV files joined together?); delete it',
  }),
  CSV_HEADER_DUPLICATE: (name: string) => ({ zh: `列「${name}」重复`, en: `column "${name}" appears twice` }),
  CSV_HEADER: (names: string, expected: string, hint: string, hintEn: string) => ({
    zh: `不认识的列：${names}；可用的列为：${expected}${hint}`,
    en: `unknown column(s): ${names}; the columns are: ${expected}${hintEn}`,
  }),
  CSV_HEADER_MISSING: (names: string, namesEn: string) => ({
    zh: `缺少必需的列：${names}`,
    en: `missing required column(s): ${namesEn}`,
  }),
  CSV_TOO_MANY_BAD: (more: number) => ({
    zh: `……另有 ${more} 处同类问题未列出；没有写入任何数据`,
    en: `… and ${more} more of the same; nothing was written`,
  }),
});

/** Backups, restores and the audit log. */
export const TrustErrors = catalogue({
  BACKUP_EXISTS: (file: string) => ({
    zh: `备份文件「${file}」已存在，不会覆盖；请换一个文件名`,
    en: `backup file "${file}" already exists; it will not be overwritten: choose another name`,
  }),
  BACKUP_DIR: (file: string, dir: string) => ({
    zh: `无法写入备份「${file}」：文件夹「${dir}」不存在`,
    en: `cannot write the backup "${file}": the folder "${dir}" does not exist`,
  }),
  BACKUP_SAME_FILE: (file: string) => ({
    zh: `「${file}」就是账套文件本身，不能备份到它自己；请换一个文件名`,
    en: `"${file}" is the ledger itself; choose another file for the backup`,
  }),
  BACKUP_WRITE: (file: string, why: string) => ({
    zh: `无法写入备份「${file}」：${why}`,
    en: `cannot write the backup "${file}": ${why}`,
  }),
  BACKUP_UNVERIFIED: (file: string, findings: string, findingsEn: string) => ({
    zh: `备份写好后校验未通过，已删除「${file}」：${findings}。账套本身可能已损坏，请运行 sanzi verify 查看`,
    en: `the backup failed verification and "${file}" was removed: ${findingsEn}. The ledger itself may be damaged: run sanzi verify`,
  }),
  RESTORE_MISSING: (file: string) => ({ zh: `备份文件「${file}」不存在`, en: `backup file "${file}" does not exist` }),
  RESTORE_OTHER_COLLECTIVE: (file: string, now: { name: string; code: string | null }, then: { name: string; code: string | null }) => ({
    zh:
      `「${file}」是「${then.name}」${then.code ? `（${then.code}）` : ''}的账套，当前账套是「${now.name}」${now.code ? `（${now.code}）` : ''}，不是同一个集体；` +
      `如确要用它替换当前账套，加 --other`,
    en: `"${file}" holds the books of "${then.name}"${then.code ? ` (${then.code})` : ''}, not of "${now.name}"${now.code ? ` (${now.code})` : ''}; add --other if it is meant to replace them`,
  }),
  RESTORE_SAME_FILE: (file: string) => ({
    zh: `「${file}」就是当前账套文件，不能用它自己恢复`,
    en: `"${file}" is the current ledger; it cannot be restored from itself`,
  }),
  RESTORE_NOT_LEDGER: (file: string) => ({
    zh: `「${file}」不是 sanzi 账套或备份文件（或文件已损坏、无法读取），没有恢复；当前账套未改动`,
    en: `"${file}" is not a sanzi ledger or backup (or it is damaged or unreadable); nothing was restored`,
  }),
  RESTORE_FOREIGN: (file: string) => ({
    zh: `「${file}」是其他程序的 SQLite 数据库，不是 sanzi 账套，没有恢复；当前账套未改动`,
    en: `"${file}" is another program's SQLite database, not a sanzi ledger; nothing was restored`,
  }),
  RESTORE_TOO_NEW: (file: string, version: number, known: number) => ({
    zh: `「${file}」由更新版本的 sanzi 建立（格式版本 ${version}，本程序支持到 ${known}），没有恢复；请先升级 sanzi`,
    en: `"${file}" was written by a newer sanzi (schema ${version}, this program knows up to ${known}); nothing was restored: upgrade sanzi first`,
  }),
  RESTORE_DAMAGED: (file: string, findings: string, findingsEn: string) => ({
    zh: `备份「${file}」校验未通过，没有恢复；当前账套未改动：${findings}`,
    en: `the backup "${file}" failed verification; nothing was restored: ${findingsEn}`,
  }),
  RESTORE_BUSY: () => ({
    zh: '账套正被其他 sanzi 进程使用，无法恢复；请等其他操作结束后再试',
    en: 'the ledger is in use by another sanzi; try the restore again when it has finished',
  }),
  RESTORE_MOVE: (why: string) => ({
    zh: `无法替换账套文件：${why}`,
    en: `cannot replace the ledger file: ${why}`,
  }),
  AUDIT_DATE_RANGE: (from: string, to: string) => ({
    zh: `--from ${from} 晚于 --to ${to}`,
    en: `--from ${from} is after --to ${to}`,
  }),
});
