// The yearly 会计档案: which documents it holds, how long each is kept (《会计档案管理办法》,
// 财政部 国家档案局令第79号, in the spirit of DA/T 94), its manifest, and the check of a folder
// against its manifest.
import type { LedgerError } from './errors.js';
import { ArchiveErrors } from './errors/archive.js';
import type { PeriodLookup } from './periods.js';

export type ArchiveKind = 'voucher' | 'book' | 'monthly-report' | 'annual-report' | 'distribution' | 'register' | 'backup';
export type Retention = '30年' | '10年' | '永久';

/**
 * 保管期限: vouchers and books 30 years; monthly reports 10; annual reports and distribution
 * plans (with their rolls and notices) for ever. Registers are auxiliary books (30 years); the
 * ledger's backup is the electronic books themselves (30 years).
 */
export const RETENTION: Record<ArchiveKind, Retention> = {
  voucher: '30年',
  book: '30年',
  'monthly-report': '10年',
  'annual-report': '永久',
  distribution: '永久',
  register: '30年',
  backup: '30年',
};

export interface ManifestEntry {
  /** Relative to the archive folder, with `/`. */
  path: string;
  title: string;
  kind: ArchiveKind;
  year: number;
  retention: Retention;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  year: number;
  createdAt: string;
  files: ManifestEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

/** A year is archived once it is closed (December closes only with year close). */
export function checkArchiveYear(year: number, periods: Pick<PeriodLookup, 'isClosed'>): LedgerError[] {
  return periods.isClosed(`${year}-12`) ? [] : [ArchiveErrors.ARCHIVE_YEAR_OPEN(year)];
}

/** A manifest entry for a file written. */
export function entry(path: string, title: string, kind: ArchiveKind, year: number, facts: { bytes: number; sha256: string }): ManifestEntry {
  return { path, title, kind, year, retention: RETENTION[kind], bytes: facts.bytes, sha256: facts.sha256 };
}

/** A file name from a title: no characters a file system refuses. */
export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_');
}

/** The manifest's entries, or why it is not one. */
export function readManifest(json: unknown): { manifest: Manifest } | { why: string } {
  const m = json as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.files)) return { why: 'files 列表缺失' };
  for (const f of m.files) {
    if (!f || typeof f.path !== 'string' || typeof f.bytes !== 'number' || typeof f.sha256 !== 'string') return { why: '条目缺少 path、bytes 或 sha256' };
  }
  return { manifest: m as Manifest };
}

/** Every difference between the manifest and the files found (path → size and digest): changed, missing, extra. */
export function compareArchive(manifest: Manifest, found: ReadonlyMap<string, { bytes: number; sha256: string }>): LedgerError[] {
  const errors: LedgerError[] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const x = found.get(f.path);
    if (!x) errors.push(ArchiveErrors.ARCHIVE_FILE_MISSING(f.path));
    else if (x.bytes !== f.bytes) errors.push(ArchiveErrors.ARCHIVE_FILE_CHANGED(f.path, `${f.bytes} → ${x.bytes} 字节`));
    else if (x.sha256 !== f.sha256) errors.push(ArchiveErrors.ARCHIVE_FILE_CHANGED(f.path, 'SHA-256'));
  }
  for (const p of [...found.keys()].sort()) if (!listed.has(p) && p !== MANIFEST_FILE) errors.push(ArchiveErrors.ARCHIVE_FILE_EXTRA(p));
  return errors;
}
