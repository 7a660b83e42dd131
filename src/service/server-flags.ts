// The Node flags the browser build's server runs with: `npm run serve`, `npm start`'s browser
// fallback and the classroom benchmarks, which measure the server as it ships.
//
// Under a class's stream of requests V8 lets its young generation grow to about 64 MB (two
// semi-spaces and more) although what survives a scavenge is a few MB: that headroom alone was a
// quarter of the server's memory in a hall. Semi-spaces of at most 4 MB keep the young
// generation near 12 MB; scavenges come more often and each stays short (bench/classroom.bench.ts
// and bench/burst.bench.ts print the memory and the CPU per answer). The desktop app's main
// process keeps V8's defaults: Electron takes V8 flags for it only on its own command line.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
