import { z } from 'zod';
import { Slug } from '../core/bank/schema.ts';
import { Response } from '../core/scoring/response.ts';
import { AnswerResult, AttemptView, Review, SessionState, StudentName, type Envelope } from './contract.ts';
import type { SessionChannel } from './session-channels.ts';

// The student's side of a classroom session: the only operations the session server answers
// on the network. A student is known by an unguessable seat token, never by an attempt id, so
// nothing a student sends can name another student's work. Outputs are the same strict public
// schemas as the main contract: they are parsed before they leave, so an answer key that
// slipped into a reply is an error, never a leak.

/** 32 random bytes, base64url: 43 characters. */
export const SeatToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a seat token');

/** Six letters and digits; spaces, dashes and case are ignored (see core/classroom/join-code.ts). */
const JoinCode = z.string().trim().min(1, 'enter the join code').max(20, 'a join code is six characters');

/**
 * On a network nobody controls, a name that looks like markup is refused outright, although the
 * app shows every name as text anyway: the teacher's CSV opens in a spreadsheet, and nobody in
 * a class is called <script>.
 */
const SessionStudentName = StudentName.refine((name) => !/[<>]/.test(name), 'a name cannot contain < or >');

/** The student's own attempt and what the session allows now. */
export const SeatView = z.strictObject({
  attempt: AttemptView,
  sessionState: SessionState,
  /** Whether the teacher has released the review: then a submitted attempt's review is available. */
  reviewReleased: z.boolean(),
});

const ByToken = z.strictObject({ token: SeatToken });

export const sessionContract = {
  /** Lets a page served by the session server know it is one, before anybody has joined. */
  info: { input: z.strictObject({}), output: z.strictObject({ session: z.literal(true), joinable: z.boolean() }) },
  join: {
    input: z.strictObject({
      code: JoinCode,
      name: SessionStudentName,
      /** The seat this browser or computer already had in the session, if any: a removed one may not join again as new. */
      previous: SeatToken.optional(),
    }),
    output: z.strictObject({ token: SeatToken, seat: SeatView }),
  },
  /** Rejoins a seat after a reload, a sleeping laptop or a dropped connection. */
  seat: { input: ByToken, output: SeatView },
  answer: {
    input: z.strictObject({ token: SeatToken, questionId: Slug, response: Response }),
    output: AnswerResult,
  },
  submit: { input: ByToken, output: SeatView },
  /** The answer key of the student's own attempt, once submitted and released by the teacher. */
  review: { input: ByToken, output: Review },
} satisfies Record<SessionChannel, { input: z.ZodType; output: z.ZodType }>;

type MissingFromContract = Exclude<SessionChannel, keyof typeof sessionContract>;
type MissingFromChannels = Exclude<keyof typeof sessionContract, SessionChannel>;
const channelsMatch: [MissingFromContract, MissingFromChannels] extends [never, never] ? true : never = true;
void channelsMatch;

export type SessionContract = typeof sessionContract;
export type SessionInput<C extends SessionChannel> = z.input<SessionContract[C]['input']>;
export type ParsedSessionInput<C extends SessionChannel> = z.output<SessionContract[C]['input']>;
export type SessionOutput<C extends SessionChannel> = z.output<SessionContract[C]['output']>;
export type SeatView = z.output<typeof SeatView>;

/** What the session server knows of a request besides its body. */
export interface RequestContext {
  remoteAddress: string;
}

/** The student channels that wait for their commit (shared with the answers and joins given at the same moment). */
export type AsyncSessionChannel = 'answer' | 'join';

/** The student operations as the classroom implements them. */
export type StudentChannels = {
  [C in SessionChannel]: (
    input: ParsedSessionInput<C>,
    context: RequestContext,
  ) => C extends AsyncSessionChannel ? Promise<SessionOutput<C>> : SessionOutput<C>;
};

/** The desktop app's proxy (preload): one method per student channel, with the session's address. */
export type SessionProxyApi = {
  [C in SessionChannel]: (address: string, input: SessionInput<C>) => Promise<Envelope<SessionOutput<C>>>;
};
