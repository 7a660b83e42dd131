import { z } from 'zod';
import { ResponseShapeError } from '../core/scoring/index.ts';
import { ASYNC_CHANNELS, CHANNELS, isTeacherChannel, type Channel, type SyncChannel } from '../shared/channels.ts';
import { contract, refusal, type Envelope, type WireError, type WireIssue } from '../shared/contract.ts';
import { ServiceError, type Caller, type Service } from './service.ts';
import { storageProblemOf } from './storage-errors.ts';

// What every transport does with a request: look the channel up, parse the payload, call the
// service, check the reply against the public schema, wrap it. No rules live here. The same
// steps serve the classroom's student contract (see dispatchStudent in classroom/server.ts).

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

function issuesOf(error: z.ZodError): WireIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
}

type Log = (message: string, error: unknown) => void;
type Schemas = { input: z.ZodType; output: z.ZodType };

/**
 * Synchronous channels answer at once; the few that wait for the network answer with a promise.
 * `caller` is what the transport knows of who is calling (the teacher token it was given).
 */
export function dispatch(service: Service, channel: SyncChannel, payload: unknown, log?: Log, caller?: Caller): Envelope<unknown>;
export function dispatch(
  service: Service,
  channel: string,
  payload: unknown,
  log?: Log,
  caller?: Caller,
): Envelope<unknown> | Promise<Envelope<unknown>>;
export function dispatch(
  service: Service,
  channel: string,
  payload: unknown,
  log: Log = console.error,
  caller?: Caller,
): Envelope<unknown> | Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return fail(refusal('unknown-channel', `there is no channel “${channel.slice(0, 64)}”`));
  }
  // Locked before anything else: a caller without the teacher session learns nothing, not even
  // whether its payload would have been valid. (The service checks again when it is called.)
  if (isTeacherChannel(channel) && !service.teacherStatus({}, caller).unlocked) {
    const locked = fail(refusal('locked', 'the teacher’s side is locked: unlock it with the teacher’s passphrase'));
    return (ASYNC_CHANNELS as readonly Channel[]).includes(channel) ? Promise.resolve(locked) : locked;
  }
  const handler = service[channel] as (input: unknown, caller?: Caller) => unknown;
  return callChecked(channel, contract[channel], (input) => handler(input, caller), payload, log);
}

/**
 * Parses `payload` with the channel's input schema, calls `handler`, and lets the reply out
 * only if it fits the output schema. A handler may return a promise; then so does this.
 */
export function callChecked(
  channel: string,
  schemas: Schemas,
  handler: (input: unknown) => unknown,
  payload: unknown,
  log: Log,
): Envelope<unknown> | Promise<Envelope<unknown>> {
  const input = schemas.input.safeParse(payload);
  if (!input.success) {
    return fail(refusal('invalid-request', `the ${channel} request is not valid`, issuesOf(input.error)));
  }
  let value: unknown;
  try {
    value = handler(input.data);
  } catch (error) {
    return failure(channel, error, log);
  }
  if (value instanceof Promise) {
    return value.then(
      (resolved: unknown) => checkOutput(channel, schemas, resolved, log),
      (error: unknown) => failure(channel, error, log),
    );
  }
  return checkOutput(channel, schemas, value, log);
}

function checkOutput(channel: string, schemas: Schemas, value: unknown, log: Log): Envelope<unknown> {
  const output = schemas.output.safeParse(value);
  if (!output.success) {
    // A reply that does not fit its public schema could carry the answer key: never send it.
    log(`the ${channel} reply does not fit its public schema`, output.error);
    return fail(refusal('reply-withheld', 'the reply could not be sent; the error was logged'));
  }
  return { ok: true, value: output.data };
}

function failure(channel: string, error: unknown, log: Log): Envelope<never> {
  if (error instanceof ServiceError) return fail(error.toWire());
  if (error instanceof ResponseShapeError) {
    return fail(refusal('invalid-response', error.message, [{ path: `response.${error.field}`, message: error.message }]));
  }
  const storage = storageProblemOf(error);
  if (storage) {
    log(`the ${channel} call could not save: ${storage}`, undefined);
    return fail(refusal('not-saved', `Not saved: ${storage}. Nothing was changed; try again once it is fixed.`));
  }
  log(`the ${channel} call failed`, error);
  return fail(refusal('unexpected-error', 'something went wrong; the error was logged'));
}

function fail(error: WireError): Envelope<never> {
  return { ok: false, error };
}
