// Writing a report (--out, --format) and other files the command names.
import { catalogue } from '../errors.js';

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
  FILE_ACCESS: (file: string, why: string, whyEn: string = why) => ({
    zh: `无法读写文件「${file}」：${why}`,
    en: `cannot use the file "${file}": ${whyEn}`,
  }),
});
