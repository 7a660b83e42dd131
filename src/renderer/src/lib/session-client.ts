import { SESSION_API_PREFIX, SESSION_CHANNELS, type SessionChannel } from '../../../shared/session-channels.ts';
import type { Envelope } from '../../../shared/contract.ts';
import type { SessionInput, SessionOutput, SessionProxyApi } from '../../../shared/session-contract.ts';
import { ApiError } from './api.ts';

// A student's way into a class session: over HTTP when this page was served by the session
// server, or through the desktop app's main process (the preload's evidentSession) when the
// student typed the teacher's address. Errors are thrown as ApiError, as by the app's client.

export type SessionClient = { [C in SessionChannel]: (input: SessionInput<C>) => Promise<SessionOutput<C>> };

type Call = (channel: SessionChannel, input: unknown) => Promise<Envelope<unknown>>;

function clientOf(call: Call): SessionClient {
  const unwrap = async (reply: Promise<Envelope<unknown>>) => {
    const envelope = await reply;
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  };
  return Object.fromEntries(
    SESSION_CHANNELS.map((channel) => [channel, (input: unknown) => unwrap(call(channel, input))]),
  ) as SessionClient;
}

export function httpSessionClient(base = ''): SessionClient {
  return clientOf(async (channel, input) => {
    let reply: globalThis.Response;
    try {
      reply = await fetch(`${base}${SESSION_API_PREFIX}${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
    } catch {
      return {
        ok: false,
        error: {
          code: 'internal',
          reason: 'unreachable',
          message: 'The class session could not be reached. Check the Wi-Fi; your answers so far are saved.',
        },
      };
    }
    try {
      return (await reply.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'internal', reason: 'unreadable-reply', message: `the session answered ${reply.status} without a readable reply` },
      };
    }
  });
}

export function proxySessionClient(proxy: SessionProxyApi, address: string): SessionClient {
  return clientOf((channel, input) => (proxy[channel] as (address: string, input: unknown) => Promise<Envelope<unknown>>)(address, input));
}

/** Whether this page was served by a class session's server (then the app is the student's join screen). */
export async function servedBySession(): Promise<boolean> {
  try {
    const reply = await fetch(`${SESSION_API_PREFIX}info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    if (!reply.ok) return false;
    const body = (await reply.json()) as { ok?: boolean; value?: { session?: boolean } };
    return body.ok === true && body.value?.session === true;
  } catch {
    return false;
  }
}
