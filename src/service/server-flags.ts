// The Node flags the browser build's server runs with: `npm run serve`, `npm start`'s browser
// fallback and the classroom benchmarks, which measure the server as it ships.
//
// Under a class's stream of requests V8 lets its young generation grow to about 64 MB (two
// semi-spaces and more) although what survives a scavenge is a few MB: that headroom alone was a
// quarter of the server's memory in a hall. Semi-spaces of at most 16 MB cap it. 4 MB capped it
// harder, but then a scavenge came every few hundred answers and each one copied the requests
// still waiting for their commit (a hall of 2,000: 778 scavenges, 8 s of the event loop in 70 s;
// at 16 MB, 197 and 1–3 s, for about 25 MB more). bench/classroom.bench.ts and
// bench/burst.bench.ts print the memory and the CPU per answer. The desktop app's main process
// keeps V8's defaults: Electron takes V8 flags for it only on its own command line.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
