import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_REASONS, ErrorReason, refusal, WireError } from '../../src/shared/contract.ts';
import { ServiceError } from '../../src/service/errors.ts';

describe('refusals as data', () => {
  it('gives every reason one of the codes, so the HTTP status follows from the reason', () => {
    for (const [reason, code] of Object.entries(ERROR_REASONS)) expect(ERROR_CODES, reason).toContain(code);
    expect(ErrorReason.options).toEqual(Object.keys(ERROR_REASONS));
  });

  it('fills in the code from the reason, in a ServiceError as in a refusal', () => {
    const error = new ServiceError('joining-locked', 'your teacher has closed this session to new students');
    expect(error).toMatchObject({ code: 'conflict', reason: 'joining-locked' });
    expect(error.toWire()).toEqual({
      code: 'conflict',
      reason: 'joining-locked',
      message: 'your teacher has closed this session to new students',
    });
    expect(refusal('invalid-request', 'bad', [{ path: 'name', message: 'enter your name' }])).toEqual({
      code: 'bad-request',
      reason: 'invalid-request',
      message: 'bad',
      issues: [{ path: 'name', message: 'enter your name' }],
    });
  });

  it('reads a refusal from a peer only when its reason is known and its code is that reason’s', () => {
    expect(WireError.safeParse({ code: 'forbidden', reason: 'seat-removed', message: 'removed' }).success).toBe(true);
    expect(WireError.safeParse({ code: 'conflict', reason: 'seat-removed', message: 'removed' }).success).toBe(false);
    expect(WireError.safeParse({ code: 'forbidden', reason: 'something-new', message: 'removed' }).success).toBe(false);
    expect(WireError.safeParse({ code: 'forbidden', message: 'no reason' }).success).toBe(false);
  });
});
