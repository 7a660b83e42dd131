import type { ErrorCode } from '../shared/contract.ts';

/** An expected failure that the transports pass on as data: `{ code, message }`. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
