/** The drafter's defaults and bounds, shared by the command, the channel and its contract. */
export const DEFAULT_DRAFT_SEED = 1;
export const DEFAULT_MAX_DRAFTS = 40;
export const MAX_DRAFTS_LIMIT = 200;
