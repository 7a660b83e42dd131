// The Node flags the browser build's server runs with: `npm run serve`, `npm start`'s browser
// fallback and the classroom benchmarks, which measure the server as it ships.
//
// Under a class's stream of requests V8 lets its young generation grow to 32 MB or more (two
// semi-spaces) although what survives a scavenge is a few MB: that headroom alone was a large
// part of the server's memory in a hall. Semi-spaces of at most 4 MB keep it near 8 MB, at a
// price in scavenges: each copies the requests still waiting for their commit, and on a machine
// whose cores are taken (load 6 on 2 cores) a hall of 2,000 spent 8 s of 70 in 778 of them,
// against 1–3 s in 197 at 16 MB. Quiet, the hall meets its latency targets either way, and the
// memory target (250 MB at 2,000 students) only with 4 MB: 16 MB measured 259–267 MB, 8 MB
// 251 MB, with the checkpoint worker's 18 MB (checkpointer.ts). The burst of 300 students
// without think time would rather have 16 MB (scavenges were 13% of its server's time at 4 MB,
// 2.5% at 16). bench/classroom.bench.ts and bench/burst.bench.ts print the memory and the CPU
// per answer. The desktop app's main process keeps V8's defaults: Electron takes V8 flags for it
// only on its own command line.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
