// Every command group, in the order `sanzi --help` lists them: a lazy table. A command names its
// group in argv, and only that group's modules are loaded and its commands built (a group of
// 316 options, most of them never used by one run, is not assembled before the arguments are
// read). `sanzi --help` alone lists every group without loading any (src/cli/main.ts).
import type { Command } from 'commander';
import type { Context } from '../cli/context.js';

export type RegisterGroup = (program: Command, ctx: Context) => void;

export interface CommandGroup {
  /** The top-level commands the group adds, in the order it adds them. */
  readonly names: readonly string[];
  /** The group's module, loaded on first use. */
  readonly load: () => Promise<RegisterGroup>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['init', 'account'], load: async () => (await import('./setup.js')).registerSetup },
  { names: ['voucher'], load: async () => (await import('./voucher.js')).registerVoucher },
  { names: ['import'], load: async () => (await import('./import.js')).registerImport },
  { names: ['opening'], load: async () => (await import('./opening.js')).registerOpening },
  { names: ['template'], load: async () => (await import('./template.js')).registerTemplate },
  { names: ['period', 'year'], load: async () => (await import('./period.js')).registerPeriod },
  { names: ['report'], load: async () => (await import('./report.js')).registerReport },
  { names: ['verify'], load: async () => (await import('./verify.js')).registerVerify },
  { names: ['member'], load: async () => (await import('./members.js')).registerMembers },
  { names: ['project'], load: async () => (await import('./projects.js')).registerProjects },
  { names: ['shares'], load: async () => (await import('./shares.js')).registerShares },
  { names: ['contribute', 'contribution'], load: async () => (await import('./contributions.js')).registerContributions },
  { names: ['asset'], load: async () => (await import('./assets.js')).registerAssets },
  { names: ['resource'], load: async () => (await import('./resources.js')).registerResources },
  { names: ['contract'], load: async () => (await import('./contracts.js')).registerContracts },
  { names: ['dividend'], load: async () => (await import('./dividend.js')).registerDividend },
  { names: ['archive'], load: async () => (await import('./archive.js')).registerArchive },
  { names: ['audit'], load: async () => (await import('./audit.js')).registerAudit },
  { names: ['backup', 'restore'], load: async () => (await import('./backup.js')).registerBackup },
];

/** The group that adds the top-level command `name`, if any. */
export function groupOf(name: string): CommandGroup | undefined {
  return COMMAND_GROUPS.find((g) => g.names.includes(name));
}

/** Build the given groups (every group by default) into the program, in table order. */
export async function registerCommands(program: Command, ctx: Context, groups: readonly CommandGroup[] = COMMAND_GROUPS): Promise<void> {
  const registers = await Promise.all(groups.map((g) => g.load()));
  for (const register of registers) register(program, ctx);
}
