// Writes questions/bank.schema.json from the zod Bank schema, so editors offer completion and
// flag mistakes while a teacher types. `--check` only reports whether the file is up to date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bankJsonSchemaText } from '../src/core/bank/json-schema.ts';

const schemaFile = fileURLToPath(new URL('../questions/bank.schema.json', import.meta.url));
const fresh = bankJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(schemaFile, 'utf8');
  } catch {
    // A missing file is simply out of date.
  }
  if (current !== fresh) {
    console.error('questions/bank.schema.json is out of date: run npm run gen-schema');
    process.exit(1);
  }
  console.error('questions/bank.schema.json is up to date');
} else {
  writeFileSync(schemaFile, fresh);
  console.error('wrote questions/bank.schema.json');
}
