import { deflateSync, strToU8 } from 'fflate';
import { crc32 } from 'node:zlib';

// Builds zips byte by byte, so tests can write what no honest zip library would: lying sizes,
// encrypted flags, names with "..", backslashes or NUL, duplicate names, overlapping entries.

export type RawEntry = {
  name: string | Uint8Array;
  data?: Uint8Array | string;
  /** 0 stored, 8 deflated (default). */
  method?: number;
  flags?: number;
  /** Overrides of what the headers claim. */
  claimedSize?: number;
  claimedCrc?: number;
  /** Written compressed bytes instead of deflating `data`. */
  compressed?: Uint8Array;
  /** Point the central record at another entry's local header (overlap). */
  localOffsetOf?: number;
  /** A different name in the local header than in the central directory. */
  localName?: string;
};

export function rawZip(entries: readonly RawEntry[], options: { countOverride?: number; comment?: string } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? strToU8(entry.name) : entry.name;
    const localName = entry.localName === undefined ? name : strToU8(entry.localName);
    const data = typeof entry.data === 'string' ? strToU8(entry.data) : (entry.data ?? new Uint8Array(0));
    const method = entry.method ?? 8;
    const compressed = entry.compressed ?? (method === 8 ? deflateSync(data) : data);
    const crc = entry.claimedCrc ?? crc32(data);
    const size = entry.claimedSize ?? data.length;
    const flags = entry.flags ?? 0x800;

    const local = new Uint8Array(30 + localName.length + compressed.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, localName.length, true);
    local.set(localName, 30);
    local.set(compressed, 30 + localName.length);
    offsets.push(offset);
    const localOffset = entry.localOffsetOf === undefined ? offset : offsets[entry.localOffsetOf]!;
    locals.push(local);
    offset += local.length;

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, localOffset, true);
    central.set(name, 46);
    centrals.push(central);
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const comment = strToU8(options.comment ?? '');
  const end = new Uint8Array(22 + comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  const count = options.countOverride ?? entries.length;
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  ev.setUint16(20, comment.length, true);
  end.set(comment, 22);
  return concat([...locals, ...centrals, end]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A raw DEFLATE stream of `size` zero bytes, written by hand with fixed Huffman codes (a literal
 * zero, then copies of 258 bytes at distance 1): 13 bits per 258 bytes, so a bomb of any size
 * costs the test almost nothing to make.
 */
export function zeroBomb(size: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + Math.ceil(size / 258) * 13 + 258 * 8 + 7) / 8) + 1);
  let at = 0;
  let buffer = 0;
  let count = 0;
  // Deflate packs bits least significant first; Huffman codes go in most significant bit first.
  const bits = (value: number, n: number) => {
    buffer |= value << count;
    count += n;
    while (count >= 8) {
      out[at++] = buffer & 0xff;
      buffer >>>= 8;
      count -= 8;
    }
  };
  const reversed = (code: number, n: number) => {
    let r = 0;
    for (let i = 0; i < n; i++) r |= ((code >> i) & 1) << (n - 1 - i);
    return r;
  };
  const literalZero = reversed(0x30, 8);
  const copy258 = reversed(0b11000101, 8) | (reversed(0, 5) << 8); // length 258, then distance 1
  bits(1, 1); // the final block
  bits(1, 2); // fixed Huffman codes
  if (size > 0) bits(literalZero, 8);
  let left = size - 1;
  for (; left >= 258; left -= 258) bits(copy258, 13);
  for (; left > 0; left--) bits(literalZero, 8);
  bits(0, 7); // end of block
  if (count > 0) out[at++] = buffer & 0xff;
  return out.slice(0, at);
}
