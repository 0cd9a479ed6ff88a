// Excel in and out: reading .xlsx workbooks, numbers Excel made of identifiers, account name paths
// in the vouchers import, and workbooks written by reports.
import { catalogue } from '../errors.js';

/** Reading a workbook given to an import, and writing one. */
export const ExcelErrors = catalogue({
  XLSX_UNREADABLE: (why: string, whyEn: string = why) => ({
    zh: `无法读取这个 Excel 工作簿（${why}）；请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（.xlsx）”后再导入`,
    en: `cannot read this Excel workbook (${whyEn}); open it in Excel or WPS, save it as "Excel Workbook (.xlsx)" and import that`,
  }),
  XLSX_NO_SHEET: () => ({
    zh: '工作簿里没有工作表（或工作表无法识别）；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入',
    en: 'the workbook has no worksheet (or none that can be read); open it in Excel or WPS and save it as .xlsx',
  }),
  XLSX_SHEET_MISSING: (name: string, names: string) => ({
    zh: `工作簿里没有名为「${name}」的工作表；有：${names}`,
    en: `the workbook has no sheet named "${name}"; its sheets: ${names}`,
  }),
  XLSX_FORMULA_NO_VALUE: (column: string, formula: string) => ({
    zh: `「${column}」列是公式（=${formula}），文件里没有保存它的计算结果；请在 Excel 中打开并保存一次（或“复制 → 选择性粘贴 → 数值”）后再导入`,
    en: `column "${column}" holds a formula (=${formula}) whose result was not saved; open and save the file in Excel (or paste the values) and import again`,
  }),
  XLSX_CELL_ERROR: (column: string, error: string) => ({
    zh: `「${column}」列的值是 Excel 错误 ${error}；请改正这一格后再导入`,
    en: `column "${column}" holds the Excel error ${error}; correct the cell and import again`,
  }),
  EXCEL_NUMBER: (column: string, shown: string) => ({
    zh: `「${column}」列的「${shown}」是 Excel 把号码当成数字转换后的结果，原来的号码已经丢失（超过 15 位的数字 Excel 只保留前 15 位）；请在 Excel 中选中这一列，设置单元格格式为“文本”后重新输入号码（或在号码前加英文单引号 '，如 '441827198001011234），再导入`,
    en: `column "${column}": "${shown}" is a number Excel made of the identifier, and its digits are lost (Excel keeps 15 digits); format the column as Text (Format Cells → Text) and type the numbers again (or prefix them with ', as in '441827198001011234), then import`,
  }),
  /** A number cell in an ID card or bank account column of a workbook, whatever its digits. */
  EXCEL_NUMBER_CELL: (column: string, shown: string) => ({
    zh: `「${column}」列的「${shown}」是数字格式的单元格，是 Excel 把号码当成了数字（长号码会只剩前 15 位，开头的 0 会丢掉）；证件号和银行账号必须是文本：请在 Excel 中选中这一列，设置单元格格式为“文本”后重新输入号码（或在号码前加英文单引号 '），再导入`,
    en: `column "${column}": "${shown}" is a number cell, an identifier Excel took for a number (long ones keep 15 digits, leading zeros go); ID and bank account numbers must be text: format the column as Text and type the numbers again (or prefix them with '), then import`,
  }),
  XLSX_EXTRA_CELLS: (cells: number, columns: number) => ({
    zh: `这一行第 ${cells} 列有内容，但表头只有 ${columns} 列，这些内容不属于任何一列；请删除表格右边多出的内容（或给这一列写上列名）`,
    en: `this row has content in column ${cells} but the header has ${columns} columns; delete what is beside the table (or give the column a name)`,
  }),
  XLSX_TO_TERMINAL: () => ({
    zh: 'xlsx 是 Excel 文件，不能显示在屏幕上；请加 --out 文件名.xlsx',
    en: 'xlsx is an Excel file, not for the screen; add --out FILE.xlsx',
  }),
});

/** An account named by its path of names in the vouchers import (银行存款—基本户). */
export const AccountPathErrors = catalogue({
  ACCOUNT_PATH_UNKNOWN: (path: string) => ({
    zh: `科目「${path}」不存在：科目编码/account 一列可写科目编码（如 10201），或科目名称路径（如 银行存款—基本户，各级之间用 — - / 分隔）；sanzi account list 查看科目表`,
    en: `no account "${path}": the account column takes a code (such as 10201) or a path of names (银行存款—基本户, levels separated by — - or /); see sanzi account list`,
  }),
  ACCOUNT_PATH_AMBIGUOUS: (path: string, candidates: string) => ({
    zh: `科目「${path}」不止一个：${candidates}；请写出完整的科目名称路径或科目编码`,
    en: `"${path}" names several accounts: ${candidates}; write the whole path of names or the code`,
  }),
  ACCOUNT_PATH_NOT_LEAF: (path: string, code: string, leaves: string) => ({
    zh: `科目「${path}」（${code}）有下级科目，凭证要记到末级科目：${leaves}`,
    en: `account "${path}" (${code}) has sub-accounts; a voucher line goes to a leaf: ${leaves}`,
  }),
});
