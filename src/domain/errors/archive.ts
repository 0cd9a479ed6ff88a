// The yearly 会计档案 (archive) and its check (archive verify exits 3 on any difference).
import { catalogue } from '../errors.js';

export const ArchiveErrors = catalogue({
  ARCHIVE_YEAR_OPEN: (year: number) => ({
    zh: `${year} 年尚未年终结账，不能归档；请先结账：sanzi year close ${year}`,
    en: `${year} is not closed yet and cannot be archived; close it first: sanzi year close ${year}`,
  }),
  ARCHIVE_DIR_NOT_EMPTY: (dir: string) => ({
    zh: `归档文件夹「${dir}」已存在且不是空的；请换一个新文件夹（--out）`,
    en: `the archive folder "${dir}" exists and is not empty; give a new folder with --out`,
  }),
  ARCHIVE_DIR_MISSING: (dir: string) => ({
    zh: `找不到归档文件夹「${dir}」`,
    en: `no archive folder "${dir}"`,
  }),
  ARCHIVE_MANIFEST: (dir: string, why: string) => ({
    zh: `归档文件夹「${dir}」的清单 manifest.json 无法读取：${why}`,
    en: `the manifest.json of "${dir}" cannot be read: ${why}`,
  }),
  ARCHIVE_FILE_CHANGED: (path: string, what: string) => ({
    zh: `文件「${path}」与清单不符（${what}），已被改动`,
    en: `"${path}" differs from the manifest (${what}): it was changed`,
  }),
  ARCHIVE_FILE_MISSING: (path: string) => ({
    zh: `清单中的文件「${path}」不见了`,
    en: `"${path}" is in the manifest but missing`,
  }),
  ARCHIVE_FILE_EXTRA: (path: string) => ({
    zh: `文件「${path}」不在清单中（归档后被加入）`,
    en: `"${path}" is not in the manifest (added after archiving)`,
  }),
});
