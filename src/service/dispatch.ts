import { z } from 'zod';
import { ResponseShapeError } from '../core/scoring/index.ts';
import { CHANNELS, type Channel } from '../shared/channels.ts';
import { contract, type Envelope, type WireError, type WireIssue } from '../shared/contract.ts';
import { ServiceError, type Service } from './service.ts';

// What every transport does with a request: look the channel up, parse the payload, call the
// service, check the reply against the public schema, wrap it. No rules live here.

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

function issuesOf(error: z.ZodError): WireIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
}

export function dispatch(
  service: Service,
  channel: string,
  payload: unknown,
  log: (message: string, error: unknown) => void = console.error,
): Envelope<unknown> {
  if (!isChannel(channel)) {
    return fail({ code: 'unknown-channel', message: `there is no channel “${channel.slice(0, 64)}”` });
  }
  const input = contract[channel].input.safeParse(payload);
  if (!input.success) {
    return fail({ code: 'bad-request', message: `the ${channel} request is not valid`, issues: issuesOf(input.error) });
  }
  try {
    const value = (service[channel] as (input: unknown) => unknown)(input.data);
    const output = contract[channel].output.safeParse(value);
    if (!output.success) {
      // A reply that does not fit its public schema could carry the answer key: never send it.
      log(`the ${channel} reply does not fit its public schema`, output.error);
      return fail({ code: 'internal', message: 'the reply could not be sent; the error was logged' });
    }
    return { ok: true, value: output.data };
  } catch (error) {
    if (error instanceof ServiceError) return fail({ code: error.code, message: error.message });
    if (error instanceof ResponseShapeError) {
      return fail({
        code: 'invalid-response',
        message: error.message,
        issues: [{ path: `response.${error.field}`, message: error.message }],
      });
    }
    log(`the ${channel} call failed`, error);
    return fail({ code: 'internal', message: 'something went wrong; the error was logged' });
  }
}

function fail(error: WireError): Envelope<never> {
  return { ok: false, error };
}
