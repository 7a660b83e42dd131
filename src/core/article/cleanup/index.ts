export type { ClassifiedLine, Cleanup, CleanupOptions, LineKind, RuleVerdict } from './classify.ts';
export type { RemovalReason } from './reasons.ts';
export { classifyLines, ruleVerdicts } from './classify.ts';
export { REMOVAL_REASONS, REMOVAL_REASON_NAMES, isRemovalReason } from './reasons.ts';
export { isCreditOnly, parseGluedCredit } from './credit.ts';
