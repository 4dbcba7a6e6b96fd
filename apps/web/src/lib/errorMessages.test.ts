import { describe, expect, it } from 'vitest';
import { RequestError, describeError, errorDetail, headlineIsReplyHint, serverWords, wireErrorOf } from './errorMessages.ts';

describe('errorMessages', () => {
  it('maps known codes to plain words', () => {
    expect(describeError({ code: 'FTP_ERR_LOGIN', message: '530 Login incorrect.', ftpCode: 530 })).toBe(
      'Wrong user name or password',
    );
    expect(describeError({ code: 'FTP_ERR_DATA_CONNECT', message: 'x' })).toBe(
      'Passive data connection failed — try active mode',
    );
  });

  it('falls back to FTP reply hints, then to the message', () => {
    expect(describeError({ code: 'FTP_ERR_REPLY', message: 'No such file', ftpCode: 550 })).toContain('does not exist');
    expect(describeError({ code: 'SOMETHING_NEW', message: 'Exact words' })).toBe('Exact words');
  });

  it('keeps the raw facts in the detail line', () => {
    expect(errorDetail({ code: 'FTP_ERR_REPLY', message: 'No such file', ftpCode: 550 })).toBe(
      'No such file (FTP 550) · FTP_ERR_REPLY',
    );
  });

  it('unwraps request errors and plain errors', () => {
    const wire = { code: 'WEB_ERR_TIMEOUT', message: 'late' };
    expect(wireErrorOf(new RequestError(wire))).toBe(wire);
    expect(wireErrorOf(new Error('boom')).message).toBe('boom');
  });

  it("finds the server's own words in a reply error, and knows when the headline is only the code's hint", () => {
    const readOnly = { code: 'FTP_ERR_REPLY', message: 'STOR /up/a b.txt: 550 anonymous access is read-only', ftpCode: 550 };
    expect(serverWords(readOnly)).toBe('anonymous access is read-only');
    expect(headlineIsReplyHint(readOnly)).toBe(true);
    // A multi-line reply: every line; a path that holds the code and ": 550 " itself.
    expect(serverWords({ code: 'FTP_ERR_REPLY', message: 'MKD /x: 550-Cannot create /x:\n550 File name too long', ftpCode: 550 })).toBe('Cannot create /x: File name too long');
    expect(serverWords({ code: 'FTP_ERR_REPLY', message: 'RETR /550/file: 550 No such file', ftpCode: 550 })).toBe('No such file');
    expect(serverWords({ code: 'FTP_ERR_REPLY', message: 'RETR /Backup: 550 old/f.txt: 550 Permission denied', ftpCode: 550 })).toBe('Permission denied');
    expect(serverWords({ code: 'FTP_ERR_REPLY', message: '550 Permission denied.', ftpCode: 550 })).toBe('Permission denied.');
    // No reply, or a message without it.
    expect(serverWords({ code: 'FTP_ERR_CONNECT', message: 'connect ECONNREFUSED 127.0.0.1:21' })).toBeUndefined();
    expect(serverWords({ code: 'FTP_ERR_REPLY', message: 'refused', ftpCode: 550 })).toBeUndefined();
    // An error code with words of its own is not a bare hint.
    expect(headlineIsReplyHint({ code: 'FTP_ERR_LOGIN', message: '530 Login incorrect.', ftpCode: 530 })).toBe(false);
  });
});
