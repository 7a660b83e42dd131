/** "192.168.1.20:4320", or "[fe80::1]:4320" for IPv6: how a host and port are written in a URL, a Host header and on the teacher's screen. */
export function hostAndPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
