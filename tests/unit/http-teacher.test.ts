import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEACHER_CHANNELS } from '../../src/shared/channels.ts';
import { isLoopbackAddress, startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { serviceHarness, tempDir, TEST_PASSPHRASE, type Harness } from './fixtures.ts';

// A classroom server listens on the network so that students can join; the teacher's channels
// (everybody's results, deleting attempts) must still answer only on the teacher's own machine.

let harness: Harness;
let server: RunningServer;
let cleanup: () => void;

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

beforeAll(async () => {
  harness = serviceHarness();
  const temp = tempDir();
  cleanup = temp.cleanup;
  // The service as the HTTP binding sees it: nobody is the teacher until a token says so.
  server = await startHttpServer({ service: harness.guarded, rendererDir: temp.dir, host: '0.0.0.0', log: () => {} });
});

afterAll(async () => {
  await server.close();
  harness.close();
  cleanup();
});

function post(address: string, channel: string, token?: string): Promise<number> {
  return postJson(address, channel, token).then((reply) => reply.status);
}

function postJson(address: string, channel: string, token?: string, payload: object = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: server.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: {
          Host: `localhost:${server.port}`,
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

describe('teacher channels over HTTP', () => {
  it('recognises loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['192.0.2.2', '::ffff:10.0.0.1', '10.127.0.0.1', 'fd00::1', '', undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('answers them on loopback within the teacher session', async () => {
    expect(await post('127.0.0.1', 'listAttempts', harness.teacher.teacherToken)).toBe(200);
  });

  it('refuses every one of them on loopback without the teacher session, saying it is locked', async () => {
    for (const channel of TEACHER_CHANNELS) {
      for (const token of [undefined, 'x'.repeat(43)]) {
        const reply = await postJson('127.0.0.1', channel, token);
        expect(reply.status, channel).toBe(403);
        expect(reply.body.error.reason, channel).toBe('locked');
      }
    }
    expect(await post('127.0.0.1', 'listQuizzes')).toBe(200);
  });

  it('refuses them once the teacher locks, and again after unlocking with the passphrase', async () => {
    const unlocked = (await postJson('127.0.0.1', 'unlockTeacher', undefined, { passphrase: TEST_PASSPHRASE })).body.value;
    expect(await post('127.0.0.1', 'listAttempts', unlocked.token)).toBe(200);
    expect(await post('127.0.0.1', 'lockTeacher', unlocked.token)).toBe(200);
    expect(await post('127.0.0.1', 'listAttempts', unlocked.token)).toBe(403);
  });

  it.skipIf(lanAddress === undefined)(
    'refuses them from the network, even with the token, while students’ channels still answer (needs a non-loopback interface)',
    async () => {
      const address = lanAddress!;
      expect(await post(address, 'listQuizzes')).toBe(200);
      for (const channel of TEACHER_CHANNELS) expect(await post(address, channel, harness.teacher.teacherToken), channel).toBe(403);
    },
  );
});
