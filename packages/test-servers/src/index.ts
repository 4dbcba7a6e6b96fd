// @ftpdeck/test-servers: real FTP servers on 127.0.0.1 for tests.
// See docs/testing.md for how they are installed and configured.
export type { FtpServerKind, StartFtpServerOptions, RunningFtpServer, FsOwner } from './types.ts';
export { ALL_SERVER_KINDS, UnsupportedServerOptionError, ServerStartError } from './types.ts';
export { startFtpServer } from './start.ts';
export { availableServerKinds, requireServers, serverKindsForTests, whyUnavailable } from './availability.ts';
export type { TreeEntry, NameSegment } from './tree.ts';
export { seedTree, readServerFile, listServerNames, serverDiskPath, serverTreePaths, chownTree } from './tree.ts';
export type { RawReply } from './raw-ftp.ts';
export { RawFtpControl, parsePasv } from './raw-ftp.ts';
export type { RawDataOptions } from './raw-data.ts';
export { rawStor, rawReceive } from './raw-data.ts';
export { TEST_USER, TEST_PASSWORD, REPO_ROOT } from './paths.ts';
export { prng } from './prng.ts';
