import { z } from 'zod';
import { refusal, WireError, type Envelope } from '../../shared/contract.ts';
import { SESSION_API_PREFIX, type SessionChannel } from '../../shared/session-channels.ts';
import { sessionContract } from '../../shared/session-contract.ts';

// The desktop app joins a class session through its main process rather than from the page:
// the page's CSP allows no other origin, and the session server refuses other origins anyway.
// This forwards one student call to http://<address>/session-api/<channel> and lets back only
// a reply that fits the student contract: the teacher's machine is on the LAN, not trusted.

/** The session's address as typed: "192.168.1.20:4320", with or without http:// and a slash. */
export function parseSessionAddress(typed: string): string | undefined {
  const trimmed = typed
    .trim()
    .replace(/^http:\/\//i, '')
    .replace(/\/+$/, '');
  if (trimmed === '' || /[/?#@\s]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${trimmed}`);
  } catch {
    return undefined;
  }
  if (url.port === '') return undefined;
  return url.host;
}

const MAX_REPLY_BYTES = 2 * 1024 * 1024;

export async function forwardStudentCall(
  typedAddress: unknown,
  channel: SessionChannel,
  payload: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Envelope<unknown>> {
  const address = typeof typedAddress === 'string' ? parseSessionAddress(typedAddress) : undefined;
  if (!address) {
    return {
      ok: false,
      error: refusal('invalid-session-address', 'enter the address as the teacher’s screen shows it, like 192.168.1.20:4320'),
    };
  }
  let text: string;
  try {
    const reply = await fetchImpl(`http://${address}${SESSION_API_PREFIX}${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    text = await reply.text();
  } catch {
    return {
      ok: false,
      error: refusal('unreachable', `the class session at ${address} could not be reached; check the address and the Wi-Fi`),
    };
  }
  if (text.length > MAX_REPLY_BYTES) return unreadable(address);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unreadable(address);
  }
  const envelope = z
    .union([
      z.strictObject({ ok: z.literal(true), value: sessionContract[channel].output }),
      z.strictObject({ ok: z.literal(false), error: WireError }),
    ])
    .safeParse(body);
  return envelope.success ? (envelope.data as Envelope<unknown>) : unreadable(address);
}

function unreadable(address: string): Envelope<never> {
  return { ok: false, error: refusal('unreadable-reply', `${address} did not answer as an Evident class session`) };
}
