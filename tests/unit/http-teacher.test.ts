import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEACHER_CHANNELS } from '../../src/shared/channels.ts';
import { isLoopbackAddress, startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { serviceHarness, tempDir, type Harness } from './fixtures.ts';

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
  server = await startHttpServer({ service: harness.service, rendererDir: temp.dir, host: '0.0.0.0', log: () => {} });
});

afterAll(async () => {
  await server.close();
  harness.close();
  cleanup();
});

function post(address: string, channel: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: server.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { Host: `localhost:${server.port}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('teacher channels over HTTP', () => {
  it('recognises loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['192.0.2.2', '::ffff:10.0.0.1', '10.127.0.0.1', 'fd00::1', '', undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('answers them on loopback', async () => {
    expect(await post('127.0.0.1', 'listAttempts')).toBe(200);
  });

  it.skipIf(lanAddress === undefined)('refuses them from the network, while students’ channels still answer (needs a non-loopback interface)', async () => {
    const address = lanAddress!;
    expect(await post(address, 'listQuizzes')).toBe(200);
    for (const channel of TEACHER_CHANNELS) expect(await post(address, channel), channel).toBe(403);
  });
});
