import { assertPublicUrl, guardedLookup, isPublicAddress, parseLooseIPv4 } from './address.guard';
import { FeedError } from './feed.error';

const refusedCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof FeedError ? err.code : `other: ${String(err)}`;
  }
};

describe('parseLooseIPv4 (inet_aton notations)', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['2130706433', [127, 0, 0, 1]],
    ['0177.0.0.1', [127, 0, 0, 1]],
    ['0x7f.1', [127, 0, 0, 1]],
    ['0x7f000001', [127, 0, 0, 1]],
    ['127.1', [127, 0, 0, 1]],
    ['127.0.1', [127, 0, 0, 1]],
    ['0', [0, 0, 0, 0]],
    ['10.0x10.0300.1', [10, 16, 192, 1]],
  ])('%s is %j', (text, bytes) => {
    expect(parseLooseIPv4(text)).toEqual(bytes);
  });

  it.each(['256.0.0.1', '1.2.3.4.5', '08.0.0.1', 'example.com', '1.2.3.256', '', '4294967296'])('%s is not an address', (text) => {
    expect(parseLooseIPv4(text)).toBeNull();
  });
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '2130706433', '0177.0.0.1', '0x7f.1', '127.1', // loopback, all notations
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', // private
    '169.254.169.254', // link-local (cloud metadata)
    '100.64.0.1', // carrier-grade NAT
    '0.0.0.0', '0', // unspecified
    '224.0.0.1', '239.255.255.250', // multicast
    '240.0.0.1', '255.255.255.255', // reserved, broadcast
    '192.0.2.1', '198.51.100.7', '203.0.113.9', '198.18.0.1', '192.0.0.8', // documentation, benchmarking, IETF
    '::1', '::', // IPv6 loopback, unspecified
    'fe80::1', 'fe80::1%eth0', // link-local
    'fc00::1', 'fd12:3456:789a::1', // unique local
    'ff02::1', // multicast
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:8.8.8.8', // IPv4-mapped
    '::127.0.0.1', // IPv4-compatible
    '64:ff9b::7f00:1', '64:ff9b::a00:1', // NAT64 embedding
    '2002:7f00:1::1', // 6to4 embedding loopback
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '2001:db8::1', // documentation
    '[::1]',
    'localhost', 'not an ip',
  ])('%s is not public', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '147.67.34.30', '1.1.1.1', '2a01:7e00::f03c:91ff:fe00:1', '2606:4700:4700::1111', '[2620:0:2d0:200::7]'])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('assertPublicUrl', () => {
  it.each([
    'http://127.0.0.1/feed',
    'http://2130706433/feed',
    'http://0177.0.0.1/feed',
    'http://0x7f.1/feed',
    'http://127.1/feed',
    'http://[::1]/feed',
    'http://[::ffff:127.0.0.1]/feed',
    'http://[64:ff9b::7f00:1]/feed',
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost:3000/feed',
  ])('refuses %s', async (url) => {
    expect(await refusedCode(assertPublicUrl(url, false))).toBe('refused-address');
  });

  it.each(['file:///etc/passwd', 'ftp://example.org/feed', 'gopher://127.0.0.1:6379/_INFO', 'javascript:alert(1)', 'not a url'])('refuses the non-web URL %s', async (url) => {
    expect(await refusedCode(assertPublicUrl(url, true))).toBe('refused-address');
  });

  it('lets private addresses through when the operator allows them', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:1/feed', true)).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://localhost/feed', true)).resolves.toBeUndefined();
  });

  it('accepts a public IP literal without any lookup', async () => {
    await expect(assertPublicUrl('https://8.8.8.8/feed', false)).resolves.toBeUndefined();
  });

  it('applies an explicit address policy', async () => {
    const only = (ip: string) => ip === '127.0.0.1';
    await expect(assertPublicUrl('http://127.0.0.1/', false, only)).resolves.toBeUndefined();
    expect(await refusedCode(assertPublicUrl('http://127.0.0.2/', false, only))).toBe('refused-address');
  });
});

describe('guardedLookup (connect-time check)', () => {
  const lookup = (allow: boolean, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(allow)('localhost', { all }, (err, address) => resolve({ err, address })),
    );

  it('refuses a host that resolves to loopback', async () => {
    const { err } = await lookup(false, false);
    expect(err).toBeInstanceOf(FeedError);
    expect((err as FeedError).code).toBe('refused-address');
    expect(err?.message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
  });

  it('answers in both callback shapes when allowed', async () => {
    const single = await lookup(true, false);
    expect(single.err).toBeNull();
    expect(typeof single.address).toBe('string');
    const all = await lookup(true, true);
    expect(Array.isArray(all.address)).toBe(true);
  });
});
