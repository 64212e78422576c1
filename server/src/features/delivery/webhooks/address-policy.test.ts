import { describe, expect, it } from 'vitest';
import { classifyAddress, refusalOf, webhookUrlProblem, type AddressClass } from './address-policy.js';

describe('classifyAddress (SSRF refusals)', () => {
  const table: [string, AddressClass][] = [
    ['127.0.0.1', 'LOOPBACK'], ['127.255.255.254', 'LOOPBACK'], ['::1', 'LOOPBACK'],
    ['10.0.0.1', 'PRIVATE'], ['10.255.255.255', 'PRIVATE'], ['172.16.0.1', 'PRIVATE'], ['172.31.255.255', 'PRIVATE'],
    ['192.168.1.1', 'PRIVATE'], ['100.64.0.1', 'PRIVATE'], ['100.127.255.255', 'PRIVATE'],
    ['fc00::1', 'PRIVATE'], ['fd12:3456:789a::1', 'PRIVATE'], ['fec0::1', 'PRIVATE'],
    ['169.254.169.254', 'LINK_LOCAL'], ['169.254.0.1', 'LINK_LOCAL'], ['fe80::1', 'LINK_LOCAL'], ['febf::1', 'LINK_LOCAL'],
    ['0.0.0.0', 'UNSPECIFIED'], ['0.1.2.3', 'UNSPECIFIED'], ['::', 'UNSPECIFIED'],
    ['224.0.0.1', 'MULTICAST'], ['239.255.255.250', 'MULTICAST'], ['ff02::1', 'MULTICAST'],
    ['255.255.255.255', 'RESERVED'], ['240.0.0.1', 'RESERVED'], ['192.0.2.10', 'RESERVED'], ['198.51.100.7', 'RESERVED'],
    ['203.0.113.9', 'RESERVED'], ['198.18.0.1', 'RESERVED'], ['2001:db8::1', 'RESERVED'],
    // IPv4-mapped, -compatible, NAT64 and 6to4 forms of internal IPv4 addresses are the addresses they carry.
    ['::ffff:127.0.0.1', 'LOOPBACK'], ['::ffff:7f00:1', 'LOOPBACK'], ['::ffff:10.1.2.3', 'PRIVATE'], ['::ffff:a9fe:a9fe', 'LINK_LOCAL'],
    ['::ffff:169.254.169.254', 'LINK_LOCAL'], ['64:ff9b::127.0.0.1', 'LOOPBACK'], ['64:ff9b::a00:1', 'PRIVATE'],
    ['2002:c0a8:101::1', 'PRIVATE'], ['2002:7f00:1::', 'LOOPBACK'],
    // Public.
    ['8.8.8.8', 'PUBLIC'], ['1.1.1.1', 'PUBLIC'], ['172.15.255.255', 'PUBLIC'], ['172.32.0.1', 'PUBLIC'], ['100.63.255.255', 'PUBLIC'],
    ['100.128.0.1', 'PUBLIC'], ['169.253.255.255', 'PUBLIC'], ['11.0.0.1', 'PUBLIC'], ['2606:4700:4700::1111', 'PUBLIC'],
    ['::ffff:8.8.8.8', 'PUBLIC'], ['64:ff9b::808:808', 'PUBLIC'], ['2002:808:808::1', 'PUBLIC'],
    // Not addresses.
    ['localhost', 'INVALID'], ['', 'INVALID'], ['1.2.3', 'INVALID'], ['256.0.0.1', 'INVALID'], ['[::1]', 'INVALID'],
  ];
  it.each(table)('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it('refusalOf says why, and nothing for a public address', () => {
    expect(refusalOf('169.254.169.254')).toBe('169.254.169.254 is a link-local address');
    expect(refusalOf('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1 is a loopback address');
    expect(refusalOf('8.8.4.4')).toBeNull();
  });
});

describe('webhookUrlProblem', () => {
  const prod = { allowInsecure: false };
  const dev = { allowInsecure: true };
  it('production: https only, no internal IP literals, no credentials', () => {
    expect(webhookUrlProblem('https://hooks.example.com/in', prod)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/in', prod)).toBe('must be an https:// URL');
    expect(webhookUrlProblem('ftp://hooks.example.com/in', prod)).toBe('must be an https:// URL');
    expect(webhookUrlProblem('https://127.0.0.1/in', prod)).toBe('refused: 127.0.0.1 is a loopback address');
    expect(webhookUrlProblem('https://[::ffff:a9fe:a9fe]/latest', prod)).toBe('refused: ::ffff:a9fe:a9fe is a link-local address');
    expect(webhookUrlProblem('https://[fd00::5]:8443/x', prod)).toBe('refused: fd00::5 is a private-network address');
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/', prod)).toBe('must not carry a user name or password');
    expect(webhookUrlProblem('not a url', prod)).toBe('"not a url" is not a URL');
  });
  it('development: http and local receivers are allowed', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/in', dev)).toBeNull();
    expect(webhookUrlProblem('https://localhost/in', dev)).toBeNull();
    expect(webhookUrlProblem('gopher://localhost/in', dev)).toBe('must be an http(s):// URL');
  });
});
