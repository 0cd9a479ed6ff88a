// The ledger file itself: opening, creating, locking, the write fence.
import { catalogue } from '../errors.js';

export const StoreErrors = catalogue({
  LEDGER_EXISTS: (path: string) => ({
    zh: `账套文件「${path}」已存在，不会覆盖`,
    en: `ledger "${path}" already exists; it will not be overwritten`,
  }),
  LEDGER_CREATE: (path: string, why: string) => ({
    zh: `无法创建账套文件「${path}」：${why}`,
    en: `cannot create "${path}": ${why}`,
  }),
  LEDGER_MISSING: (path: string) => ({
    zh: `账套文件「${path}」不存在（先用 sanzi init 建账，或用 --db 指定账套）`,
    en: `ledger "${path}" does not exist (create it with sanzi init, or name it with --db)`,
  }),
  NOT_A_LEDGER: (path: string) => ({
    zh: `「${path}」不是 sanzi 账套文件（或文件已损坏、无法读取）`,
    en: `"${path}" is not a sanzi ledger (or it is damaged or unreadable)`,
  }),
  LEDGER_DAMAGED: (path: string, detail: string) => ({
    zh: `账套文件「${path}」已损坏，无法读取（${detail}）；请运行 sanzi verify 查看，并用 sanzi restore 从最近的备份恢复`,
    en: `the ledger "${path}" is damaged and cannot be read (${detail}); run sanzi verify, and restore the latest backup with sanzi restore`,
  }),
  LEDGER_TOO_NEW: (path: string, version: number, known: number) => ({
    zh: `账套「${path}」由更新版本的 sanzi 建立（格式版本 ${version}，本程序支持到 ${known}），请升级 sanzi`,
    en: `ledger "${path}" was written by a newer sanzi (schema ${version}, this program knows up to ${known}); upgrade sanzi`,
  }),
  LEDGER_BUSY: (seconds: number) => ({
    zh: `账套正忙：另一个 sanzi 进程正在写入，已等待 ${seconds} 秒；请稍后再试（等待时间可用环境变量 SANZI_BUSY_TIMEOUT 设置，单位秒）`,
    en: `ledger busy: another sanzi is writing; waited ${seconds} s (set SANZI_BUSY_TIMEOUT in seconds); try again later`,
  }),
  LEDGER_READONLY: (path: string) => ({
    zh: `账套「${path}」不能写入（文件只读或所在目录无写权限）`,
    en: `ledger "${path}" cannot be written (read-only file or folder)`,
  }),
});
