import { describe, expect, it } from 'vitest';
import { RequestError, describeError, errorDetail, wireErrorOf } from './errorMessages.ts';

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
});
