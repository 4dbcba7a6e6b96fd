// File systems the demo hands to ftp-srv: its own, with the disk path kept
// out of replies, and a read-only variant for anonymous users.
import FtpSrvModule from 'ftp-srv';

const { FileSystem } = /** @type {{ FileSystem: typeof import('ftp-srv').FileSystem }} */ (FtpSrvModule);

/** ftp-srv's FileSystem, except that MKD answers with the FTP path. */
export class DemoFileSystem extends FileSystem {
  /**
   * ftp-srv 4.6.3 returns the absolute disk path here, and MKD puts it in its
   * 257 reply ("/home/…/.cache/demo-root/new"); clients expect the FTP path.
   * @param {string} path
   */
  async mkdir(path) {
    await super.mkdir(path);
    return /** @type {any} ftp-srv's private helper, untyped */ (this)._resolvePath(path).clientPath;
  }
}

/** @returns {never} */
function refuse() {
  // ftp-srv turns a thrown error into a 550 reply with this message.
  throw new Error('Permission denied: anonymous access is read-only');
}

/** DemoFileSystem that refuses uploads, deletes, renames, mkdir and chmod. */
export class ReadOnlyFileSystem extends DemoFileSystem {
  write() {
    return refuse();
  }
  delete() {
    return refuse();
  }
  /** @returns {Promise<never>} */
  async mkdir() {
    return refuse();
  }
  rename() {
    return refuse();
  }
  chmod() {
    return refuse();
  }
}
