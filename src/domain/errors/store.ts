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
    zh: `账套「${path}」是只读的，不能写入（查看报表不受影响）；确需记账时先恢复写权限（如 chmod u+w「${path}」）`,
    en: `ledger "${path}" is read-only and cannot be written (reports still read it); give it write permission first (e.g. chmod u+w "${path}")`,
  }),
  LEDGER_SCHEMA_CHANGED: (path: string, type: string, name: string, how: 'added' | 'changed' | 'dropped') => {
    const typeZh = ({ table: '表', index: '索引', trigger: '触发器', view: '视图' } as Record<string, string>)[type] ?? type;
    const howZh = { added: '是后加的', changed: '的定义与原来不同', dropped: '被删除了' }[how];
    const howEn = { added: 'was added', changed: 'is defined differently', dropped: 'was dropped' }[how];
    return {
      zh: `账套「${path}」的数据库结构在 sanzi 之外被改动过：${typeZh} ${name} ${howZh}；这样的账套不能再写入（改动会混进这次记账而不留痕迹），请运行 sanzi verify 查看，并用 sanzi restore 从最近的备份恢复`,
      en: `the database structure of ledger "${path}" was changed outside sanzi: ${type} ${name} ${howEn}; such a ledger takes no more writes (the change would slip into this write unrecorded); run sanzi verify, and restore the latest backup with sanzi restore`,
    };
  },
  /** A row this write would update or delete is not as the audit trail last recorded it. */
  LEDGER_ROW_CHANGED: (table: string, rid: number) => ({
    zh: `表 ${table} 第 ${rid} 行与审计留痕记录的内容不符（在 sanzi 之外被改动过），不能在它上面写入：这次写入会把那次改动当作自己的一并记下；请运行 sanzi verify 查看，并用 sanzi restore 从最近的备份恢复`,
    en: `row ${rid} of table ${table} is not as the audit trail recorded it (changed outside sanzi); it cannot be written on, or this write would record that change as its own; run sanzi verify, and restore the latest backup with sanzi restore`,
  }),
  LEDGER_ROLLBACK_READONLY: (path: string) => ({
    zh: `账套「${path}」有一次中途被打断的写入（旁边的 -journal 文件）要先撤回才能读，但账套是只读的；请先恢复写权限（如 chmod u+w「${path}」），下一个打开它的命令会自动撤回那次写入`,
    en: `ledger "${path}" has a write that was cut short (the -journal beside it) to undo before it can be read, but it is read-only; give it write permission first (e.g. chmod u+w "${path}"), and the next command to open it undoes that write`,
  }),
  LEDGER_FOLDER_READONLY: (path: string) => ({
    zh: `账套「${path}」所在的文件夹不能写入，无法打开账套（SQLite 要在账套旁建立 -wal、-shm 文件）；请把账套复制到可写的文件夹，或给文件夹写权限`,
    en: `the folder of ledger "${path}" cannot be written, so the ledger cannot be opened (SQLite keeps -wal and -shm files beside it); copy it to a writable folder, or make the folder writable`,
  }),
});
