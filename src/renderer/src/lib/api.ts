import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import type { Envelope, ErrorReason, EvidentApi, Input, Output, WireError } from '../../../shared/contract.ts';

/** A failed call, carrying the service's `{ code, reason, message, issues }`: a screen shows the message and branches on the reason. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message);
    this.wire = wire;
  }
  get reason(): ErrorReason {
    return this.wire.reason;
  }
}

/** The service in the desktop app (preload) or over HTTP in a browser, with errors thrown. */
export type Client = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> };

/**
 * `teacherToken` is read on every call: while the teacher's side is unlocked it returns the
 * session's token, which the transport sends beside the input; the service decides what it opens.
 */
export function createApi(
  transport: EvidentApi = window.evident ?? httpTransport(),
  teacherToken: () => string | undefined = () => undefined,
  /** Told when a call made with a token was refused as locked: the teacher's session is over. */
  onlocked: () => void = () => {},
): Client {
  const unwrap = async <T>(reply: Promise<Envelope<T>>, token: string | undefined): Promise<T> => {
    const envelope = await reply;
    if (!envelope.ok) {
      if (token !== undefined && envelope.error.reason === 'locked') onlocked();
      throw new ApiError(envelope.error);
    }
    return envelope.value;
  };
  // Built from the channel list so that a new channel needs no edit here; the map's type is
  // lost by Object.fromEntries, hence the cast.
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (input: never) => {
        const token = teacherToken();
        return unwrap((transport[channel] as (input: unknown, token?: string) => Promise<Envelope<unknown>>)(input, token), token);
      },
    ]),
  ) as unknown as Client;
}

export function httpTransport(base = ''): EvidentApi {
  const call = async (channel: Channel, input: unknown, teacherToken?: string): Promise<Envelope<unknown>> => {
    let reply: globalThis.Response;
    try {
      reply = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(teacherToken ? { Authorization: `Bearer ${teacherToken}` } : {}) },
        body: JSON.stringify(input),
      });
    } catch {
      return {
        ok: false,
        error: { code: 'internal', reason: 'unreachable', message: 'Evident could not be reached. Check the connection and try again.' },
      };
    }
    try {
      return (await reply.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'internal', reason: 'unreadable-reply', message: `the server answered ${reply.status} without a readable reply` },
      };
    }
  };
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, (input: unknown, teacherToken?: string) => call(channel, input, teacherToken)]),
  ) as EvidentApi;
}

/** Whether the service refused because the teacher's side is locked (never unlocked, timed out, or locked elsewhere). */
export function isLockedError(error: unknown): boolean {
  return error instanceof ApiError && error.wire.code === 'forbidden' && error.wire.reason === 'locked';
}
