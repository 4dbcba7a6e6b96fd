// File systems the demo hands to ftp-srv: its own, with the disk path kept
// out of replies, and a read-only variant for anonymous users.
import FtpSrvModule from 'ftp-srv';

const { FileSystem } = /** @type {{ FileSystem: typeof import('ftp-srv').FileSystem }} */ (FtpSrvModule);

/**
 * ftp-srv's FileSystem, with the disk path kept out of every reply: MKD
 * answers with the FTP path, and a failure's 550 names the FTP path too.
 */
export class DemoFileSystem extends FileSystem {
  /**
   * ftp-srv 4.6.3 returns the absolute disk path here, and MKD puts it in its
   * 257 reply ("/home/…/.cache/demo-root/new"); clients expect the FTP path.
   * @param {string} path
   */
  async mkdir(path) {
    await this.#ftpPaths(() => super.mkdir(path));
    return /** @type {any} ftp-srv's private helper, untyped */ (this)._resolvePath(path).clientPath;
  }

  /** @param {string} fileName */
  get(fileName) {
    return this.#ftpPaths(() => super.get(fileName));
  }

  /** @param {string} [path] */
  list(path) {
    return this.#ftpPaths(() => super.list(path));
  }

  /** @param {string} [path] */
  chdir(path) {
    return this.#ftpPaths(() => super.chdir(path));
  }

  /**
   * An upload's failure (a missing folder, a folder in the way) comes later,
   * as the stream's error, which ftp-srv's STOR puts in its 550: the root
   * is cut out of it before ftp-srv's own listener reads it.
   * @param {string} fileName
   * @param {{ append?: boolean, start?: any }} [options]
   */
  write(fileName, options) {
    const written = super.write(fileName, options);
    written.stream.prependListener('error', (/** @type {unknown} */ err) => this.#hideRoot(err));
    return written;
  }

  /**
   * ftp-srv 4.6.3 ends a RETR only when its data connection fails with an
   * error: one that just closes (the client stopped the download) leaves
   * the file stream paused for ever, and as ftp-srv reads no commands
   * during a RETR, the client's ABOR goes unread. The file stream fails
   * instead, so the RETR ends (551) and the ABOR is answered.
   * @param {string} fileName
   * @param {{ start?: any }} [options]
   */
  async read(fileName, options) {
    const opened = await this.#ftpPaths(() => super.read(fileName, options));
    /** @type {import('node:net').Socket | undefined} */
    const data = /** @type {any} ftp-srv's connection, untyped */ (this).connection?.connector?.socket;
    data?.once('close', () => {
      if (!opened.stream.destroyed && !opened.stream.readableEnded) opened.stream.destroy(new Error('the data connection closed'));
    });
    return opened;
  }

  /** @param {string} path */
  delete(path) {
    return this.#ftpPaths(() => super.delete(path));
  }

  /**
   * @param {string} from
   * @param {string} to
   */
  rename(from, to) {
    return this.#ftpPaths(() => super.rename(from, to));
  }

  /**
   * @param {string} path
   * @param {any} mode
   */
  chmod(path, mode) {
    return this.#ftpPaths(() => super.chmod(path, mode));
  }

  /**
   * Runs one of ftp-srv's file operations. It puts a failure's message in
   * its 550 reply, and Node's fs messages name the disk path ("ENOENT: no
   * such file or directory, stat '/home/…/demo-root/x'"), which tells a
   * visitor where the demo lives on this machine and reads wrong in an FTP
   * transcript: the root is cut out, leaving the FTP path ('/x').
   * @template T
   * @param {() => T | Promise<T>} operation
   * @returns {Promise<T>}
   */
  async #ftpPaths(operation) {
    try {
      return await operation();
    } catch (err) {
      this.#hideRoot(err);
      throw err;
    }
  }

  /**
   * Cuts the root out of an fs error's message, leaving the FTP path.
   * @param {unknown} err
   */
  #hideRoot(err) {
    if (err instanceof Error && err.message.includes(this.root)) {
      err.message = err.message.split(`${this.root}/`).join('/').split(this.root).join('/');
    }
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
