import { describe, expect, it } from 'vitest';
import { decodeEprt, decodeEpsv, decodePasv, decodePort, isPrivateIPv4, portArithmetic, splitCommand } from './decode.ts';

describe('decodePasv', () => {
  it('decodes the classic 227 reply with its arithmetic', () => {
    expect(decodePasv('227 Entering Passive Mode (127,0,0,1,8,86)')).toEqual({
      ip: '127.0.0.1',
      port: 2134,
      p1: 8,
      p2: 86,
      arithmetic: '8×256+86 = 2134',
    });
  });

  it('scans for the first six-number run in any surrounding text', () => {
    expect(decodePasv('227 Entering Passive Mode (192,168,1,109,104,134).')?.port).toBe(26758);
    expect(decodePasv('227 =172,16,101,104,7,254')).toMatchObject({ ip: '172.16.101.104', port: 2046 });
    expect(decodePasv('227 Passive (10, 0, 0, 5, 195, 80) ok')).toMatchObject({ ip: '10.0.0.5', port: 50000 });
  });

  it('rejects numbers out of byte range and replies without six numbers', () => {
    expect(decodePasv('227 Entering Passive Mode (300,0,0,1,8,86)')).toBeNull();
    expect(decodePasv('227 Entering Passive Mode (1,2,3,4,5)')).toBeNull();
    expect(decodePasv('500 nope')).toBeNull();
  });
});

describe('decodePort', () => {
  it('decodes a PORT command', () => {
    expect(decodePort('PORT 127,0,0,1,156,65')).toEqual({ ip: '127.0.0.1', port: 40001, p1: 156, p2: 65, arithmetic: '156×256+65 = 40001' });
    expect(decodePort('port 10,0,0,2,0,21')?.port).toBe(21);
  });
  it('ignores other commands', () => {
    expect(decodePort('PASV')).toBeNull();
    expect(decodePort('EPRT |1|1.2.3.4|5|')).toBeNull();
  });
});

describe('decodeEpsv', () => {
  it('decodes with any delimiter', () => {
    expect(decodeEpsv('229 Entering Extended Passive Mode (|||6446|)')).toEqual({ port: 6446, delimiter: '|' });
    expect(decodeEpsv('229 EPSV ok (!!!50001!)')).toEqual({ port: 50001, delimiter: '!' });
  });
  it('rejects malformed replies', () => {
    expect(decodeEpsv('229 Entering Extended Passive Mode (|1|6446|)')).toBeNull();
    expect(decodeEpsv('229 (|||70000|)')).toBeNull();
    expect(decodeEpsv('229 (||!6446|)')).toBeNull();
  });
});

describe('decodeEprt', () => {
  it('decodes IPv4 and IPv6 EPRT', () => {
    expect(decodeEprt('EPRT |1|132.235.1.2|6275|')).toEqual({ family: 1, ip: '132.235.1.2', port: 6275, delimiter: '|' });
    expect(decodeEprt('EPRT |2|1080::8:800:200C:417A|5282|')).toEqual({ family: 2, ip: '1080::8:800:200C:417A', port: 5282, delimiter: '|' });
    expect(decodeEprt('!1!10.0.0.1!21!')?.port).toBe(21);
  });
  it('rejects malformed EPRT', () => {
    expect(decodeEprt('EPRT |3|1.2.3.4|21|')).toBeNull();
    expect(decodeEprt('EPRT |1|1.2.3.4|x|')).toBeNull();
    expect(decodeEprt('EPRT |1|1.2.3.4|21')).toBeNull();
    expect(decodeEprt('EPRT')).toBeNull();
  });
});

describe('helpers', () => {
  it('spells the arithmetic and classifies private addresses', () => {
    expect(portArithmetic(7, 254)).toBe('7×256+254 = 2046');
    expect(isPrivateIPv4('10.0.0.5')).toBe(true);
    expect(isPrivateIPv4('172.31.1.1')).toBe(true);
    expect(isPrivateIPv4('172.32.1.1')).toBe(false);
    expect(isPrivateIPv4('192.168.0.1')).toBe(true);
    expect(isPrivateIPv4('203.0.113.7')).toBe(false);
  });
  it('splits commands', () => {
    expect(splitCommand('type i')).toEqual({ verb: 'TYPE', arg: 'i' });
    expect(splitCommand('SITE CHMOD 644 a b')).toEqual({ verb: 'SITE', arg: 'CHMOD 644 a b' });
    expect(splitCommand('PWD')).toEqual({ verb: 'PWD', arg: '' });
  });
});
