import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n/index.ts';
import type { Transfer } from '../../store/transfersSlice.ts';
import { etaSeconds, formatEta, overallProgress, statusMessage } from './transferText.ts';

const base: Transfer = {
  key: 'k',
  direction: 'upload',
  transferType: 'binary',
  name: 'a.bin',
  path: '/a.bin',
  size: 1000,
  transferId: 1,
  sent: 0,
  received: 0,
  written: 0,
  rate: 0,
  status: 'queued',
};

describe('transferText', () => {
  it('formats ETAs', () => {
    expect(formatEta(4.2)).toBe('5 s');
    expect(formatEta(185)).toBe('3 min 5 s');
    expect(formatEta(7620)).toBe('2 h 7 min');
    expect(formatEta(Number.NaN)).toBe('');
    expect(etaSeconds({ size: 1000, written: 400, rate: 100 })).toBe(6);
    // In the page's language, as the sentence around it is (Review 42 saw "剩余 1 min 14 s").
    setLanguage('zh-CN');
    try {
      expect(formatEta(74)).toBe('1 分 14 秒');
      expect(formatEta(7620)).toBe('2 小时 7 分');
      expect(formatEta(185)).toBe('3 分 5 秒');
    } finally {
      setLanguage('en');
    }
  });

  it('shows both legs, rate and ETA while sending', () => {
    const m = statusMessage({ ...base, status: 'sending', sent: 800, received: 700, written: 500, rate: 100 });
    expect(m.key).toBe('tq.sendingRate');
    expect(m.params).toMatchObject({ sent: '800 B', written: '500 B', size: '1000 B', eta: '5 s' });
  });

  it("puts the server's own words after a reply code's general hint", () => {
    const readOnly = { code: 'FTP_ERR_REPLY', message: 'STOR /a.bin: 550 anonymous access is read-only', ftpCode: 550 };
    expect(statusMessage({ ...base, status: 'failed', error: readOnly })).toEqual({
      key: 'tq.failedWhySaid',
      params: { reason: 'Permission denied or the file does not exist', said: 'anonymous access is read-only' },
    });
    // Words of its own need no quote; nor does an error without a reply.
    expect(statusMessage({ ...base, status: 'failed', error: { code: 'WEB_ERR_FILE_READ', message: 'gone' } }).key).toBe('tq.failedWhy');
  });

  it('says why a failed upload a reload kept has no Retry, with why it failed; a kept download needs no such word', () => {
    const readOnly = { code: 'FTP_ERR_REPLY', message: 'STOR /a.bin: 550 anonymous access is read-only', ftpCode: 550 };
    expect(statusMessage({ ...base, status: 'failed', restored: true, error: readOnly })).toEqual({
      key: 'tq.failedWhySaidRestored',
      params: { reason: 'Permission denied or the file does not exist', said: 'anonymous access is read-only' },
    });
    expect(statusMessage({ ...base, status: 'failed', restored: true, error: { code: 'WEB_ERR_FILE_READ', message: 'gone' } }).key).toBe('tq.failedWhyRestored');
    expect(statusMessage({ ...base, status: 'failed', restored: true }).key).toBe('tq.failedRestored');
    // An interrupted one says so already ("add the file again to resume").
    expect(statusMessage({ ...base, status: 'failed', restored: true, interrupted: true }).key).toBe('tq.interrupted');
    expect(statusMessage({ ...base, direction: 'download', status: 'failed', restored: true, error: readOnly }).key).toBe('tq.failedWhySaid');
  });

  it('says verified, mismatch, paused and skipped', () => {
    expect(statusMessage({ ...base, status: 'done', verified: true, verifiedBy: 'sha256' })).toMatchObject({ key: 'tq.verified', params: { how: 'SHA256' } });
    expect(statusMessage({ ...base, status: 'done', verified: 'size 10 ≠ 1000' }).key).toBe('tq.mismatch');
    // A resume's hash covered only the tail it sent.
    expect(statusMessage({ ...base, status: 'done', verified: true, verifiedBy: 'md5', verifiedFrom: 400 })).toEqual({
      key: 'tq.verifiedTail',
      params: { size: '1000 B', how: 'MD5', from: '400 B' },
    });
    expect(statusMessage({ ...base, status: 'paused', written: 10 }).key).toBe('tq.paused');
    expect(statusMessage({ ...base, status: 'skipped' }).key).toBe('tq.skipped');
  });

  it('says what a cancelled upload left on the server', () => {
    expect(statusMessage({ ...base, status: 'cancelled' })).toEqual({ key: 'tq.cancelled' });
    expect(statusMessage({ ...base, status: 'cancelled', written: 400 })).toMatchObject({ key: 'tq.cancelledPartial', params: { written: '400 B' } });
    expect(statusMessage({ ...base, status: 'cancelled', written: 400, replaced: true })).toMatchObject({ key: 'tq.cancelledReplaced' });
  });

  it('says how far a download is, and a ZIP without a size it does not know', () => {
    const dl: Transfer = { ...base, direction: 'download', status: 'sending', written: 400, sent: 400, received: 400, rate: 100 };
    expect(statusMessage(dl)).toEqual({ key: 'tq.receivingRate', params: { received: '400 B', size: '1000 B', rate: '100 B/s', eta: '6 s' } });
    expect(statusMessage({ ...dl, sizeUnknown: true, zip: true, size: 400 })).toMatchObject({ key: 'tq.receivingZipRate', params: { received: '400 B' } });
    // An ASCII file has no size ahead either, but it is no ZIP.
    expect(statusMessage({ ...dl, sizeUnknown: true, transferType: 'ascii', size: 400 })).toMatchObject({ key: 'tq.receivingSoFarRate', params: { received: '400 B' } });
    expect(statusMessage({ ...dl, status: 'done', written: 1000 })).toEqual({ key: 'tq.downloaded', params: { size: '1000 B' } });
    // Checked against the server: by its hash, over a Range's tail, or by the size alone.
    expect(statusMessage({ ...dl, status: 'finishing', verifiedBy: 'sha256' })).toEqual({ key: 'tq.downloadVerifying', params: { how: 'SHA256' } });
    expect(statusMessage({ ...dl, status: 'done', verified: true, verifiedBy: 'md5' })).toEqual({ key: 'tq.downloadedVerified', params: { size: '1000 B', how: 'MD5' } });
    expect(statusMessage({ ...dl, status: 'done', verified: true, verifiedBy: 'md5', verifiedFrom: 600 })).toEqual({
      key: 'tq.downloadedVerifiedTail',
      params: { size: '1000 B', how: 'MD5', from: '600 B' },
    });
    expect(statusMessage({ ...dl, status: 'done', verified: true, verifiedBy: 'size' })).toEqual({ key: 'tq.downloadedVerified', params: { size: '1000 B', how: 'size' } });
    expect(statusMessage({ ...dl, status: 'queued' })).toEqual({ key: 'tq.downloadWaiting' });
    // Stopped: where it was and by whom, not what "the server keeps" (that is an upload's).
    expect(statusMessage({ ...dl, status: 'cancelled', stoppedByPage: true })).toEqual({ key: 'tq.downloadStopped', params: { written: '400 B', size: '1000 B' } });
    expect(statusMessage({ ...dl, status: 'cancelled', stoppedByPage: true, sizeUnknown: true })).toMatchObject({ key: 'tq.downloadStoppedAfter', params: { written: '400 B' } });
    expect(statusMessage({ ...dl, status: 'cancelled' })).toMatchObject({ key: 'tq.downloadStoppedBrowser', params: { written: '400 B', size: '1000 B' } });
    expect(statusMessage({ ...dl, status: 'cancelled', unheard: true })).toEqual({ key: 'tq.downloadUnheard' });
    expect(statusMessage({ ...dl, status: 'cancelled', error: { code: 'SRV_ERR_CANCELLED', message: 'the session was closed while it ran' } })).toMatchObject({ key: 'tq.downloadStoppedSession' });
  });

  it('leaves a running ZIP out of the overall size and the time left, but not the speed', () => {
    const zip: Transfer = { ...base, direction: 'download', status: 'sending', sizeUnknown: true, size: 5000, written: 5000, rate: 70 };
    const file: Transfer = { ...base, status: 'sending', written: 250, rate: 50 };
    // The time left is the file's bytes over the file's own speed, not over the ZIP's too.
    expect(overallProgress([zip, file])).toEqual({ written: 250, total: 1000, rate: 120, sizedRate: 50 });
    // Once it ends its size is known, and counts.
    expect(overallProgress([{ ...zip, status: 'done', rate: 0 }, file])).toEqual({ written: 5250, total: 6000, rate: 50, sizedRate: 50 });
  });

  it('sums overall progress without cancelled or skipped files', () => {
    const all = [
      { ...base, status: 'done' as const, written: 0 },
      { ...base, status: 'sending' as const, written: 250, rate: 50 },
      { ...base, status: 'skipped' as const },
    ];
    expect(overallProgress(all)).toEqual({ written: 1250, total: 2000, rate: 50, sizedRate: 50 });
  });
});
