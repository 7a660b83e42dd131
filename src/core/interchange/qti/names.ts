// Namespaces, schema addresses and identifier shapes shared by the QTI writer and reader.

export const ASI_NAMESPACE = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const ASI_SCHEMA = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd';
export const CP_NAMESPACE = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const CP_SCHEMA = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Written as the items' and test's tool-name: the reader takes Evident's own identifiers back only from these. */
export const TOOL_NAME = 'Evident';

/**
 * QTI identifiers must start with a letter (they are XML names); Evident's ids are slugs that may
 * start with a digit and never hold "_" or a capital, so a capital-letter prefix makes each one
 * valid and reversible.
 */
export const ID = {
  item: (id: string) => `Q-${id}`,
  option: (id: string) => `O-${id}`,
  partB: (id: string) => `B-${id}`,
  left: (id: string) => `L-${id}`,
  right: (id: string) => `R-${id}`,
  gap: (id: string) => `G-${id}`,
  sentence: (id: string) => `S-${id}`,
  test: (id: string) => `T-${id}`,
  manifest: (id: string) => `M-${id}`,
} as const;

/** Evident's id back from a prefixed identifier, or undefined when it is not one of ours. */
export function unprefix(identifier: string, prefix: keyof typeof ID): string | undefined {
  const made = ID[prefix]('');
  if (!identifier.startsWith(made)) return undefined;
  const rest = identifier.slice(made.length);
  return prefix === 'sentence' ? rest : /^[a-z0-9][a-z0-9-]*$/.test(rest) ? rest : undefined;
}
