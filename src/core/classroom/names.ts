// Two students with the same name would be two identical rows on the teacher's dashboard, and
// a removed student could come back as a "new" student by joining again under their name. Both
// are caught by comparing names as a person reads them: case, accents written two ways, width
// variants and runs of spaces do not make two names different.

/** The form of a name two seats are compared in: "ADA  Lovelace" and "ada lovelace" are the same name. */
export function sameNameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}
