/**
 * Entry point: read the config, build the app, listen. SIGTERM/SIGINT shut
 * down gracefully (app.ts, shutdownSessions): stop accepting, let transfers
 * finish within the grace period (then ABOR), QUIT every FTP connection,
 * close each browser's socket with 4003, exit 0.
 */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { listenFailure } from './listenFailure.ts';
import { tuneGarbageCollection } from './gcTuning.ts';

tuneGarbageCollection();

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(`ftp-deck: ${(err as Error).message}`);
  process.exit(2);
}
const app = await buildApp(config);
try {
  await app.listen({ host: config.host, port: config.port });
} catch (err) {
  // A port in use or a name that is not this machine's: one line, not a stack trace.
  console.error(`ftp-deck: ${listenFailure(err as NodeJS.ErrnoException, config.host, config.port)}`);
  await app.close().catch(() => undefined);
  process.exit(1);
}
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
// Tests that listen on port 0 read the real port from this line.
app.log.info({ port }, `FTP Deck on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    // A hung FTP server must not keep the process alive forever.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
