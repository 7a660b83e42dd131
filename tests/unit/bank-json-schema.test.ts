import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bankJsonSchemaText } from '../../src/core/bank/json-schema.ts';

describe('questions/bank.schema.json', () => {
  it('is exactly what the zod Bank schema generates (run npm run gen-schema if not)', () => {
    const committed = readFileSync(new URL('../../questions/bank.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(bankJsonSchemaText());
  });

  it('describes every question type and lets authors leave out defaulted fields', () => {
    const schema = JSON.parse(bankJsonSchemaText());
    expect(schema.required).toEqual(['id', 'questions']);
    const types = schema.properties.questions.items.oneOf.map((q: { properties: { type: { const: string } } }) => q.properties.type.const);
    expect(types).toHaveLength(9);
    for (const question of schema.properties.questions.items.oneOf) expect(question.required).not.toContain('points');
  });
});
