export type { ClassifiedLine, Cleanup, CleanupOptions, LineKind } from './classify.ts';
export type { RemovalReason } from './reasons.ts';
export { classifyLines } from './classify.ts';
export { REMOVAL_REASONS, REMOVAL_REASON_NAMES, isRemovalReason } from './reasons.ts';
export { isCreditOnly, parseGluedCredit } from './credit.ts';
