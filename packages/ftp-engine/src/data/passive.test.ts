import { describe, expect, it } from 'vitest';
import { parseEpsvReply, parsePasvReply } from './passive.ts';

describe('parsePasvReply', () => {
  it.each([
    ['227 Entering Passive Mode (127,0,0,1,4,51)', '127.0.0.1', 1075],
    ['227 Entering Passive Mode 10,1,2,3,200,10', '10.1.2.3', 51210],
    ['227 listen to 127,0,0,1,4,51 please', '127.0.0.1', 1075],
    ['227 =0,0,0,0,39,16', '0.0.0.0', 10000],
  ])('%s', (text, host, port) => {
    expect(parsePasvReply(text)).toEqual({ host, port });
  });
  it.each(['227 Entering Passive Mode (127,0,0,1,4)', '227 (300,0,0,1,4,51)', '227 (127,0,0,1,-4,51)', '227 (127,0,0,1,0,0)', '227 (1,2,3,4,256,1)'])(
    'rejects %s',
    (text) => {
      expect(() => parsePasvReply(text)).toThrow(expect.objectContaining({ code: 'FTP_ERR_PASV_UNPARSABLE' }));
    },
  );
});

describe('parseEpsvReply', () => {
  it.each([
    ['229 Entering Extended Passive Mode (|||6446|)', 6446],
    ['229 Entering Extended Passive Mode (!!!6446!)', 6446],
  ])('%s', (text, port) => {
    expect(parseEpsvReply(text)).toBe(port);
  });
  it.each(['229 (|||0|)', '229 (|||70000|)', '229 (|!|6446|)', '229 Entering'])('rejects %s', (text) => {
    expect(() => parseEpsvReply(text)).toThrow(expect.objectContaining({ code: 'FTP_ERR_PASV_UNPARSABLE' }));
  });
});
