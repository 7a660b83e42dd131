import { z } from 'zod';
import { Bank } from './schema.ts';

/**
 * The text of questions/bank.schema.json. It describes what an author may write (io: 'input'),
 * so fields with defaults such as `points` are optional there.
 */
export function bankJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(Bank, { io: 'input' }), null, 2)}\n`;
}
