// Node flags the server is started with, in one place for every launcher
// (scripts/run.mjs, the e2e config, the web bench; the Dockerfile and the
// package's start script spell them out and point here). Why each one:
// src/gcTuning.ts.
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--initial-old-space-size=64', '--no-concurrent-array-buffer-sweeping'];
