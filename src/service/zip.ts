import { Inflate, strToU8, zipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import type { ErrorReason } from '../shared/contract.ts';
import { ServiceError } from './errors.ts';

// The one way Evident opens a zip someone handed it (.evident quiz files, QTI packages). A zip
// is hostile until read: its header sizes can lie, its names can point outside a folder, and a
// few kilobytes can inflate to gigabytes. So the central directory is parsed here, every name is
// checked before anything is inflated, and each entry is inflated with fflate's streaming
// `Inflate`, fed in small slices, counting the output as it comes and stopping as soon as a
// limit is passed. Header sizes are only compared with what actually came out. Nothing is
// written to disk: the caller gets a map of names to bytes.

export type ZipLimits = {
  /** The zip file itself, in bytes. */
  maxZipBytes: number;
  /** Entries in the central directory, folders included. */
  maxEntries: number;
  /** One entry once inflated, in bytes. */
  maxEntryBytes: number;
  /** Every entry together once inflated, in bytes. */
  maxTotalBytes: number;
  /** Inflated bytes per compressed byte of one entry... */
  maxRatio: number;
  /** ...checked once the entry has inflated past this many bytes (small, very repetitive files compress well honestly). */
  ratioFloorBytes: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 64 * 1024 * 1024,
  maxEntries: 1_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type ZipRefusal = Extract<
  ErrorReason,
  | 'zip-unreadable'
  | 'zip-too-large'
  | 'zip-too-many-entries'
  | 'zip-entry-too-large'
  | 'zip-inflates-too-large'
  | 'zip-ratio-too-high'
  | 'zip-unsafe-name'
  | 'zip-duplicate-name'
  | 'zip-encrypted'
>;

/** A refused zip: `reason` says which rule, the message names the entry and the limit. A ServiceError, so it travels as data. */
export class ZipError extends ServiceError {
  override name = 'ZipError';
  /** The entry at fault, when one is. */
  readonly entry: string | undefined;
  constructor(reason: ZipRefusal, message: string, entry?: string) {
    super(reason, message);
    this.entry = entry;
  }
  declare readonly reason: ZipRefusal;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Compressed bytes fed to the inflater at a time: at most about 1,032 times this (4 MB) comes out of one push before the caps are checked. */
const SLICE = 4096;
const MAX_NAME_LENGTH = 512;

type CentralEntry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

/**
 * The files of a zip, by name, inflated within `limits`. Folders are checked but not returned.
 * Throws `ZipError` for anything that is not a plain, safe zip.
 */
export function readZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Map<string, Uint8Array> {
  const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (bytes.length > limit.maxZipBytes) {
    throw new ZipError('zip-too-large', `the file is ${formatBytes(bytes.length)}; at most ${formatBytes(limit.maxZipBytes)} is accepted`);
  }
  const entries = readCentralDirectory(bytes, limit);
  checkNames(entries);
  checkLayout(bytes, entries);

  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) {
      if (entry.size !== 0) throw unreadable(`the folder entry "${entry.name}" holds data`, entry.name);
      continue;
    }
    const data = inflateEntry(bytes, entry, limit, total);
    total += data.length;
    files.set(entry.name, data);
  }
  return files;
}

/** A zip of `files` (names checked as readZip checks them; text is written as UTF-8). */
export function writeZip(files: Record<string, Uint8Array | string>): Uint8Array {
  const names = Object.keys(files);
  checkNames(names.map((name) => ({ name })));
  const zippable: Record<string, Uint8Array> = {};
  for (const name of names) {
    const content = files[name]!;
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(zippable, { level: 6 });
}

// ── The central directory ──────────────────────────────────────────────────────────────────

function readCentralDirectory(bytes: Uint8Array, limit: ZipLimits): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) throw unreadable('it is not a zip file (no end-of-archive record)');
  const disk = view.getUint16(end + 4, true);
  const cdDisk = view.getUint16(end + 6, true);
  const countOnDisk = view.getUint16(end + 8, true);
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw unreadable('it is a ZIP64 archive, which is not accepted (a quiz file is far smaller)');
  }
  if (disk !== 0 || cdDisk !== 0 || countOnDisk !== count) throw unreadable('it is one part of a zip split across several files');
  if (count > limit.maxEntries) {
    throw new ZipError('zip-too-many-entries', `it holds ${count} entries; at most ${limit.maxEntries} are accepted`);
  }
  if (cdOffset + cdSize > end) throw unreadable('its table of contents points past the end of the file');

  const entries: CentralEntry[] = [];
  let at = cdOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > cdOffset + cdSize || view.getUint32(at, true) !== CENTRAL) {
      throw unreadable(`its table of contents is damaged at entry ${index + 1}`);
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw unreadable(`its table of contents is damaged at entry ${index + 1}`);
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), flags, index);
    if (flags & 0x1 || flags & 0x40 || method === 99) {
      throw new ZipError('zip-encrypted', `"${printable(name)}" is encrypted; Evident cannot open password-protected zips`, name);
    }
    if (method !== 0 && method !== 8) {
      throw unreadable(`"${printable(name)}" is compressed with method ${method}; only stored and deflated entries are accepted`, name);
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw unreadable(`"${printable(name)}" uses ZIP64 sizes, which are not accepted`, name);
    }
    entries.push({ name, flags, method, crc, compressedSize, size, localOffset });
    at = next;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    // The comment length must bring us exactly to the end of the file: a signature inside the
    // comment, or inside an entry's data, is not the record.
    if (view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(raw: Uint8Array, flags: number, index: number): string {
  try {
    return utf8.decode(raw);
  } catch {
    // Names without the UTF-8 flag are in the old DOS code page; only ASCII ones are accepted,
    // so a name never means one thing here and another in the program that wrote it.
    const hint = flags & 0x800 ? 'is not valid UTF-8' : 'is in an old character set (not UTF-8)';
    throw new ZipError('zip-unsafe-name', `the name of entry ${index + 1} ${hint}`);
  }
}

// ── Names ──────────────────────────────────────────────────────────────────────────────────

/** Why `name` could write outside a folder or mean two files, or undefined when it is a plain relative path. */
export function unsafeNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes('\0')) return 'contains a NUL character';
  if (/\p{Cc}/u.test(name)) return 'contains a control character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-z]:/i.test(name) || name.includes(':')) return 'names a drive or a stream (it contains ":")';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.includes('..')) return 'climbs out of its folder ("..")';
  if (parts.some((part) => part === '.' || part === '')) return 'has an empty or "." path segment';
  return undefined;
}

function checkNames(entries: readonly { name: string }[]): void {
  const seen = new Map<string, string>();
  for (const { name } of entries) {
    const problem = unsafeNameProblem(name);
    if (problem) throw new ZipError('zip-unsafe-name', `the entry "${printable(name)}" ${problem}; it is refused`, name);
    // Names that differ only in case or Unicode form are the same file on Windows and macOS.
    const key = name.normalize('NFC').toLowerCase().replace(/\/$/, '');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const same = earlier === name ? `appears twice` : `and "${printable(earlier)}" would be the same file`;
      throw new ZipError('zip-duplicate-name', `the entry "${printable(name)}" ${same}; it is refused`, name);
    }
    seen.set(key, name);
  }
}

// ── Entries ────────────────────────────────────────────────────────────────────────────────

type Located = CentralEntry & { dataStart: number; dataEnd: number };
const located = new WeakMap<CentralEntry, Located>();

/** Every entry's local header agrees with its central record, lies inside the file, and no two overlap (a zip bomb's trick). */
function checkLayout(bytes: Uint8Array, entries: readonly CentralEntry[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ranges: Located[] = [];
  for (const entry of entries) {
    const at = entry.localOffset;
    const name = printable(entry.name);
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
      throw unreadable(`"${name}" has no local header where the table says`, entry.name);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const localName = bytes.subarray(at + 30, at + 30 + nameLength);
    if (!sameBytes(localName, strToU8(entry.name))) throw unreadable(`"${name}" is named differently in its local header`, entry.name);
    const dataStart = at + 30 + nameLength + extraLength;
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytes.length) throw unreadable(`"${name}" is cut short (the file ends inside it)`, entry.name);
    const placed = { ...entry, dataStart, dataEnd };
    located.set(entry, placed);
    ranges.push(placed);
  }
  ranges.sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]!.localOffset < ranges[i - 1]!.dataEnd) {
      throw unreadable(
        `"${printable(ranges[i]!.name)}" overlaps "${printable(ranges[i - 1]!.name)}" (a zip bomb's trick)`,
        ranges[i]!.name,
      );
    }
  }
}

function inflateEntry(bytes: Uint8Array, entry: CentralEntry, limit: ZipLimits, totalBefore: number): Uint8Array {
  const { dataStart, dataEnd } = located.get(entry)!;
  const name = printable(entry.name);
  const compressed = bytes.subarray(dataStart, dataEnd);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > limit.maxEntryBytes) {
      throw new ZipError(
        'zip-entry-too-large',
        `"${name}" inflates to more than ${formatBytes(limit.maxEntryBytes)}, the limit for one entry`,
        entry.name,
      );
    }
    if (totalBefore + size > limit.maxTotalBytes) {
      throw new ZipError(
        'zip-inflates-too-large',
        `the entries up to "${name}" inflate to more than ${formatBytes(limit.maxTotalBytes)}, the limit for the whole zip`,
        entry.name,
      );
    }
    if (size > limit.ratioFloorBytes && size > limit.maxRatio * Math.max(1, compressed.length)) {
      throw new ZipError(
        'zip-ratio-too-high',
        `"${name}" inflates more than ${limit.maxRatio} times its compressed size (${formatBytes(compressed.length)}), the limit; it looks like a zip bomb`,
        entry.name,
      );
    }
    if (chunk.length > 0) chunks.push(chunk);
  };

  if (entry.method === 0) {
    take(compressed);
  } else {
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      take(chunk);
      if (final) finished = true;
    });
    try {
      for (let at = 0; at < compressed.length; at += SLICE) {
        const last = at + SLICE >= compressed.length;
        inflater.push(compressed.subarray(at, at + SLICE), last);
      }
      if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw unreadable(`"${name}" is damaged (${error instanceof Error ? error.message : String(error)})`, entry.name);
    }
    if (!finished) throw unreadable(`"${name}" is damaged (its compressed data ends early)`, entry.name);
  }

  if (size !== entry.size) {
    throw unreadable(`"${name}" inflates to ${size} bytes where the zip says ${entry.size}`, entry.name);
  }
  const data = join(chunks, size);
  if (crc32(data) >>> 0 !== entry.crc >>> 0) throw unreadable(`"${name}" is damaged (its checksum does not match)`, entry.name);
  return data;
}

// ── Small helpers ──────────────────────────────────────────────────────────────────────────

function unreadable(problem: string, entry?: string): ZipError {
  return new ZipError('zip-unreadable', `The zip cannot be read: ${problem}.`, entry);
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A name as a message can show it: controls made visible, and not a page long. */
function printable(name: string): string {
  const visible = name.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > 80 ? `${visible.slice(0, 77)}…` : visible;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
