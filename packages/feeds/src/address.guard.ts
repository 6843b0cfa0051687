import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FeedError } from './feed.error';

/**
 * SSRF guard. A feed or webhook URL may only reach public unicast addresses, unless the
 * operator allows private networks (tests, local demos). The check runs before each hop and
 * again at connect time (`guardedLookup`), so a DNS answer that changes between the two
 * (rebinding) is still caught.
 */

/** IPv4 blocks that are not publicly routable (RFC 6890 special-purpose registry). */
const IPV4_BLOCKED = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local (cloud metadata lives here)
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
].map((c) => ipaddr.IPv4.parseCIDR(c));

/** Only global unicast (2000::/3) is public; inside it these blocks are special. */
const IPV6_GLOBAL = ipaddr.IPv6.parseCIDR('2000::/3');
const IPV6_BLOCKED = [
  '2001::/23', // IETF protocol assignments: Teredo (embeds IPv4), ORCHID, benchmarking
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4 (embeds an IPv4 address)
  '3fff::/20', // documentation (RFC 9637)
].map((c) => ipaddr.IPv6.parseCIDR(c));

/**
 * Parses IPv4 the way `inet_aton` does, so `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1`
 * are all 127.0.0.1: resolvers and some URL parsers accept these notations.
 */
export function parseLooseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let v: number;
    if (/^0x[0-9a-f]*$/i.test(part)) v = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) v = parseInt(part, 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) v = Number(part);
    else return null;
    values.push(v);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return null;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes;
}

/** True only for a public unicast address; anything unparsable is not public. */
export function isPublicAddress(ip: string): boolean {
  const text = ip.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(text.replace(/%.*$/, '')) === 6) {
    const v6 = ipaddr.IPv6.parse(text.replace(/%.*$/, ''));
    if (!v6.match(IPV6_GLOBAL)) return false;
    return !IPV6_BLOCKED.some((block) => v6.match(block));
  }
  const bytes = parseLooseIPv4(text);
  if (!bytes) return false;
  const v4 = new ipaddr.IPv4(bytes);
  return !IPV4_BLOCKED.some((block) => v4.match(block));
}

/** Who decides whether an address may be contacted. */
export type AddressPolicy = (ip: string) => boolean;

export const defaultAddressPolicy = (allowPrivateNetworks: boolean): AddressPolicy =>
  allowPrivateNetworks ? () => true : isPublicAddress;

function refused(host: string, address: string): FeedError {
  const shown = host === address ? address : `${host} (${address})`;
  return new FeedError('refused-address', `refused to connect to non-public address ${shown}`);
}

function resolveAll(hostname: string, options: LookupOptions = {}): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
}

/** Parses the URL, checks its scheme, and (unless allowed) that every address of its host is public. */
export async function assertPublicUrl(url: string, allowPrivateNetworks: boolean, policy?: AddressPolicy): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError('refused-address', `not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('refused-address', `only http and https URLs are allowed, not ${parsed.protocol}`);
  }
  const allow = policy ?? defaultAddressPolicy(allowPrivateNetworks);
  if (!policy && allowPrivateNetworks) return;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) || parseLooseIPv4(host)) {
    if (!allow(host)) throw refused(host, host);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch (err) {
    throw new FeedError('network', `cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  const bad = addresses.find((a) => !allow(a.address));
  if (bad) throw refused(host, bad.address);
}

/**
 * A `lookup` for http(s).request / Agent: resolves, then refuses the connection if any
 * address is not allowed. Node skips `lookup` for IP-literal hosts, so callers also run
 * `assertPublicUrl` before each request.
 */
export function guardedLookup(allowPrivateNetworks: boolean, policy?: AddressPolicy): LookupFunction {
  const allow = policy ?? defaultAddressPolicy(allowPrivateNetworks);
  return (hostname, options, callback) => {
    resolveAll(hostname, options).then(
      (addresses) => {
        const bad = addresses.find((a) => !allow(a.address));
        if (bad) return callback(refused(hostname, bad.address), '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, addresses);
        const first = addresses[0] as LookupAddress;
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
