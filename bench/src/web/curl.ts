/** curl's own figures for a direct FTP transfer (the reference). */
import { execFile } from 'node:child_process';

/** FTP login details. */
export interface Login {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * One curl transfer; returns curl's average rate in bytes per second.
 * curl 7.88 may wait ~200 ms for IPv6 before the passive data connection;
 * a short happy-eyeballs timeout removes that from its figure.
 */
export function curlRate(login: Login, op: 'download' | 'upload', remotePath: string, localPath?: string): Promise<number> {
  const url = `ftp://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@${login.host}:${login.port}${remotePath}`;
  const args = ['--silent', '--show-error', '--happy-eyeballs-timeout-ms', '10'];
  if (op === 'upload') args.push('-T', localPath ?? '', '-w', '%{speed_upload}', url);
  else args.push('-o', '/dev/null', '-w', '%{speed_download}', url);
  return new Promise((resolve, reject) => {
    execFile('curl', args, (err, stdout) => (err ? reject(err) : resolve(Number(stdout.trim()))));
  });
}

/**
 * curl fetching an HTTP URL into /dev/null; returns its average rate in bytes
 * per second and the byte count. The HTTP side's client for the web bench: a
 * native reader, as a browser's download is, so the figure is the server's
 * and not a Node HTTP client's (node:http cost about 1.9 s of CPU per GiB
 * here, three times the server's own).
 */
export function curlHttp(url: string): Promise<{ rate: number; bytes: number }> {
  const args = ['--silent', '--show-error', '--fail', '-o', '/dev/null', '-w', '%{speed_download} %{size_download}', url];
  return new Promise((resolve, reject) => {
    execFile('curl', args, (err, stdout) => {
      if (err) return reject(err);
      const [rate, bytes] = stdout.trim().split(' ').map(Number);
      resolve({ rate: rate ?? 0, bytes: bytes ?? 0 });
    });
  });
}
