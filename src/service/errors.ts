import { ERROR_REASONS, refusal, type ErrorCode, type ErrorReason, type WireError } from '../shared/contract.ts';

/** An expected failure that the transports pass on as data: `{ code, reason, message }`. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly reason: ErrorReason;
  constructor(reason: ErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
  get code(): ErrorCode {
    return ERROR_REASONS[this.reason];
  }
  toWire(): WireError {
    return refusal(this.reason, this.message);
  }
}
