// Writing a report (--out, --format) and other files the command names.
import { catalogue, type Text } from '../errors.js';

export const OutputErrors = catalogue({
  OUT_EXISTS: (file: string) => ({
    zh: `文件「${file}」已存在；要覆盖请加 --force`,
    en: `"${file}" already exists; add --force to overwrite it`,
  }),
  OUT_DIR: (file: string, dir: string) => ({
    zh: `无法写入「${file}」：文件夹「${dir}」不存在`,
    en: `cannot write "${file}": the folder "${dir}" does not exist`,
  }),
  OUT_FILE: (file: string, why: string, whyEn: string = why) => ({
    zh: `无法写入文件「${file}」：${why}`,
    en: `cannot write "${file}": ${whyEn}`,
  }),
  OUT_IS_LEDGER: (file: string) => ({
    zh: `「${file}」是账套文件本身，不能把报表写到它上面（即使加 --force）；请换一个文件名`,
    en: `"${file}" is the ledger itself; a report is never written over it (not even with --force); choose another file name`,
  }),
  OUT_FORMAT: (file: string, ext: string, format: string) => ({
    zh: `--out「${file}」的扩展名 ${ext} 与 --format ${format} 不一致`,
    en: `--out "${file}" has the extension ${ext} but --format is ${format}`,
  }),
  /** `print`: a PDF or a word processor's file (write .html and print it); else an old spreadsheet's (write .xlsx). */
  OUT_UNSUPPORTED: (file: string, ext: string, print: boolean) => ({
    zh: `--out「${file}」：sanzi 不写 ${ext} 文件（写进去的会是别的格式，打不开）；${print ? '要打印或存成 PDF，请写 .html（--out 文件.html），用浏览器打开后打印' : '要用 Excel 打开，请写 .xlsx（--out 文件.xlsx）'}`,
    en: `--out "${file}": sanzi does not write ${ext} files (what it wrote would be another format); ${print ? 'write .html and print it from a browser' : 'write .xlsx'}`,
  }),
  FILE_ACCESS: (file: string, why: string, whyEn: string = why) => ({
    zh: `无法读写文件「${file}」：${why}`,
    en: `cannot use the file "${file}": ${whyEn}`,
  }),
});

export const FILE_REASONS: Record<string, Text> = {
  ENOENT: { zh: '文件或文件夹不存在', en: 'no such file or folder' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '没有权限', en: 'operation not permitted' },
  EROFS: { zh: '所在磁盘只读', en: 'read-only file system' },
  ENOSPC: { zh: '磁盘已满', en: 'no space left on the disk' },
  EEXIST: { zh: '文件已存在', en: 'it already exists' },
  ENAMETOOLONG: { zh: '文件名太长', en: 'the file name is too long' },
};

/** Why a file operation failed, in words (the system's message when the code is not a common one). */
export function fileReason(e: unknown): Text {
  const err = e as NodeJS.ErrnoException;
  return FILE_REASONS[err?.code ?? ''] ?? { zh: err?.message ?? String(e), en: err?.message ?? String(e) };
}
