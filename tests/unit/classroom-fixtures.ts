import { Agent, globalAgent, request, type IncomingMessage } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkInterface } from '../../src/shared/contract.ts';
import { createClassroom, type Classroom, type ClassroomOptions } from '../../src/service/classroom/classroom.ts';
import { startSessionServer } from '../../src/service/classroom/server.ts';
import { createService, type Service } from '../../src/service/service.ts';
import { openStore, type Store } from '../../src/service/store.ts';
import { asTeacher, seedQuizzes, tempDir, testTeacher } from './fixtures.ts';
import { memoryTeacherStorage } from '../../src/service/teacher/teacher-file.ts';
import { gatedWatch, type TeacherWatch } from '../../src/service/app.ts';
import type { Caller } from '../../src/service/teacher/gate.ts';
import { fixedCatalogue } from '../../src/service/library/catalogue.ts';

// A teacher's classroom on loopback. The session server binds a "LAN" interface at 127.0.0.1,
// the one loopback address every system answers (Linux answers all of 127.0.0.0/8, macOS only
// 127.0.0.1 unless an alias is added). Each simulated student is a different computer all the
// same: the request names its address in a header that only this harness's server reads (the
// app's server takes the connection's peer address), so per-address rules such as the join
// rate limit see a class of different computers.

export const LAN: NetworkInterface = { name: 'lan0', address: '127.0.0.1', family: 'IPv4', internal: false };
export const LOOPBACK: NetworkInterface = { name: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true };

/** The header a simulated student's request carries its computer's address in. */
export const CLIENT_ADDRESS_HEADER = 'x-test-client-address';

/** The session server's `clientAddress` for tests: the simulated address, else the real peer. */
export function simulatedClientAddress(request: IncomingMessage): string | undefined {
  const simulated = request.headers[CLIENT_ADDRESS_HEADER];
  return typeof simulated === 'string' ? simulated : request.socket.remoteAddress;
}

export interface ClassroomHarness {
  service: Service;
  store: Store;
  classroom: Classroom;
  /** The live dashboard behind the teacher's gate, as the app wires it; `teacher` opens it. */
  watchSession: TeacherWatch;
  /** The unlocked teacher's session, whose token the service's own calls carry. */
  teacher: Caller;
  dir: string;
  rendererDir: string;
  /** Stops the servers and closes the database, as quitting the app does; then opens them again and resumes. */
  restart(): Promise<ClassroomHarness>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  joinLimit?: ClassroomOptions['joinLimit'];
  answerLimit?: ClassroomOptions['answerLimit'];
  now?: () => Date;
  /** false: the server sees only real peer addresses, as the app's does (default true). */
  simulatedClients?: boolean;
  /** Told the number of writes in each group commit (store.ts's onCommitBatch). */
  onCommitBatch?: (size: number) => void;
}

export async function classroomHarness(options: HarnessOptions = {}): Promise<ClassroomHarness> {
  const { dir, cleanup } = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Evident</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const file = join(dir, 'evident.db');
  const teacherStorage = memoryTeacherStorage();

  const make = (): ClassroomHarness => {
    const store = openStore(file, undefined, options.onCommitBatch ? { onCommitBatch: options.onCommitBatch } : {});
    const classroom = createClassroom({
      catalogue: fixedCatalogue(seedQuizzes()),
      store,
      interfaces: () => [LAN, LOOPBACK],
      startServer: (o) =>
        startSessionServer({
          ...o,
          rendererDir,
          log: () => {},
          ...(options.simulatedClients === false ? {} : { clientAddress: simulatedClientAddress }),
        }),
      log: () => {},
      ...(options.joinLimit ? { joinLimit: options.joinLimit } : {}),
      ...(options.answerLimit ? { answerLimit: options.answerLimit } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    // The teacher has unlocked: every call below is the teacher's unless it names another caller.
    const teacherDeps = testTeacher(options.now, teacherStorage);
    const { service, teacher } = asTeacher(
      createService({
        quizzes: seedQuizzes(),
        store,
        classroom: classroom.channels,
        teacher: teacherDeps,
        onAttemptDeleted: classroom.attemptDeleted,
      }),
    );
    const harness: ClassroomHarness = {
      service,
      store,
      classroom,
      watchSession: gatedWatch(teacherDeps.gate!, classroom.watch),
      teacher,
      dir,
      rendererDir,
      async restart() {
        await classroom.stop();
        store.close();
        const next = make();
        await next.classroom.resume();
        return next;
      },
      async close() {
        await classroom.stop();
        store.close();
        cleanup();
      },
    };
    return harness;
  };
  return make();
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: { ok: boolean; value?: any; error?: { code: string; message: string; issues?: unknown[] } };
}

export interface SendOptions {
  body?: string;
  headers?: Record<string, string>;
  /** The simulated computer's address (see addressOf), sent in CLIENT_ADDRESS_HEADER. */
  from?: string;
  agent?: Agent;
}

const agents = new Map<string, Agent>();
function agentOf(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ keepAlive: true })));
  return agent;
}

/** A raw request to the session server, so tests can send what a browser would not. */
export function send(host: string, port: number, method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method,
        path,
        // Each simulated computer keeps its own connections, as different computers do.
        agent: options.agent ?? (options.from ? agentOf(options.from) : globalAgent),
        headers: { Host: `${host}:${port}`, ...(options.from ? { [CLIENT_ADDRESS_HEADER]: options.from } : {}), ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          let json: Reply['json'] = { ok: false };
          try {
            json = JSON.parse(body) as Reply['json'];
          } catch {
            // a static file
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A student's client: POST /session-api/<channel> from its own address. */
export function student(port: number, from: string, agent?: Agent) {
  return (channel: string, payload: unknown) =>
    send(LAN.address, port, 'POST', `/session-api/${channel}`, {
      body: JSON.stringify(payload),
      headers: { 'Content-Type': 'application/json' },
      from,
      ...(agent ? { agent } : {}),
    });
}

/** The nth simulated computer on the school network: an address the server is told, never bound. */
export const addressOf = (n: number) => `192.168.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
