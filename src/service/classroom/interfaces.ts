import { networkInterfaces } from 'node:os';
import type { NetworkInterface } from '../../shared/contract.ts';

/**
 * The addresses the teacher may host a session on. IPv6 link-local addresses are left out: a
 * browser needs a zone id to reach them, which no student would type.
 */
export function listNetworkInterfaces(): NetworkInterface[] {
  const found: NetworkInterface[] = [];
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv6' && /^fe80:/i.test(entry.address)) continue;
      found.push({ name, address: entry.address, family: entry.family, internal: entry.internal });
    }
  }
  // Network addresses first: the loopback one is for trying a session out on this computer.
  return found.sort((a, b) => Number(a.internal) - Number(b.internal) || a.family.localeCompare(b.family));
}
