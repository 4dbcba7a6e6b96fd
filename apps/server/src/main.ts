/**
 * Entry point: read the config, build the app, listen. SIGTERM/SIGINT close
 * every session gracefully (QUIT on each FTP connection) before exiting.
 */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(`ftp-deck: ${(err as Error).message}`);
  process.exit(2);
}
const app = await buildApp(config);
await app.listen({ host: config.host, port: config.port });
app.log.info(`FTP Deck on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing sessions`);
    // A hung FTP server must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    void app.close().then(() => process.exit(0));
  });
}
