import { describe, expect, it } from 'vitest';
import { TargetPolicy } from './targetPolicy.ts';

const exposed = { allowPrivateTargets: false, allowTargets: [], denyTargets: [], allowedPorts: [[1, 65535]] as Array<[number, number]> };

describe('TargetPolicy', () => {
  it.each([
    ['127.0.0.1'],
    ['10.1.2.3'],
    ['172.20.0.5'],
    ['192.168.1.10'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['::1'],
    ['fe80::1'],
    ['fd00:ec2::254'],
    ['::ffff:10.0.0.1'],
    // IPv6 forms with an IPv4 address inside: IPv4-compatible, SIIT, NAT64, 6to4, Teredo.
    ['::7f00:1'],
    ['::ffff:0:7f00:1'],
    ['64:ff9b::7f00:1'],
    ['2002:7f00:1::1'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    // Documentation nets.
    ['192.0.2.2'],
    ['203.0.113.9'],
  ])('refuses the private, loopback or metadata address %s when exposed', (address) => {
    const decision = new TargetPolicy(exposed).checkAddress(address);
    expect(decision.ok).toBe(false);
  });

  it('refuses this machine’s own addresses when exposed, and allows them when private targets are', async () => {
    const { networkInterfaces } = await import('node:os');
    const own = Object.values(networkInterfaces()).flatMap((l) => l ?? []).map((a) => a.address.split('%')[0] ?? a.address);
    expect(own.length).toBeGreaterThan(0);
    for (const address of own) {
      expect(new TargetPolicy(exposed).checkAddress(address).ok, address).toBe(false);
      expect(new TargetPolicy({ ...exposed, allowPrivateTargets: true }).checkAddress(address).ok, address).toBe(true);
    }
  });

  it('allows a public address when exposed', () => {
    expect(new TargetPolicy(exposed).checkAddress('93.184.216.34')).toEqual({ ok: true, address: '93.184.216.34' });
  });

  it('lets an explicit allow entry through the private ranges', () => {
    const policy = new TargetPolicy({ ...exposed, allowTargets: ['10.0.0.0/8', 'nas.local'] });
    expect(policy.checkAddress('10.9.9.9').ok).toBe(true);
    expect(policy.checkAddress('192.168.0.1').ok).toBe(false);
  });

  it('applies the deny list even when private targets are allowed', () => {
    const policy = new TargetPolicy({ ...exposed, allowPrivateTargets: true, denyTargets: ['169.254.169.254', '127.0.0.0/8'] });
    expect(policy.checkAddress('169.254.169.254').ok).toBe(false);
    expect(policy.checkAddress('127.0.0.53').ok).toBe(false);
    expect(policy.checkAddress('192.168.0.1').ok).toBe(true);
  });

  it('refuses ports outside the allowed ranges before resolving', async () => {
    const policy = new TargetPolicy({ ...exposed, allowPrivateTargets: true, allowedPorts: [[21, 21], [990, 990]] });
    expect((await policy.resolve('127.0.0.1', 6379)).ok).toBe(false);
    expect(await policy.resolve('127.0.0.1', 21)).toEqual({ ok: true, address: '127.0.0.1' });
  });

  it('resolves names and checks what they resolve to (localhost is loopback)', async () => {
    const decision = await new TargetPolicy(exposed).resolve('localhost', 21);
    expect(decision.ok).toBe(false);
  });
});
