/** Saves text as a file through the browser's (or Electron's) own download path. */
export function downloadText(filename: string, mediaType: string, content: string): void {
  downloadBlob(filename, new Blob([content], { type: `${mediaType};charset=utf-8` }));
}

/** Saves bytes (a `.evident` quiz file) the same way: the browser's download, or the desktop app's save dialog. */
export function downloadBytes(filename: string, mediaType: string, bytes: Uint8Array<ArrayBuffer>): void {
  downloadBlob(filename, new Blob([bytes], { type: mediaType }));
}

function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The bytes of base64 text (a file the service sent). */
export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Base64 of a file's bytes, in slices (a spread of a whole file would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
