/**
 * Where webhooks may be sent (SSRF protection). In production a target must be https and resolve to a public
 * address, or to an address inside a private range the operator names (`WEBHOOK_PRIVATE_CIDRS`, consumers inside
 * the VPC); loopback, `0.0.0.0/8`, link-local and cloud metadata addresses are refused whatever the list says.
 * Development and tests (an explicit profile) allow plain http and loopback receivers; metadata addresses are
 * refused under every profile. The same address check runs twice: on the URL when a subscription is created, and
 * on every address DNS returns when a delivery connects (post-webhook.ts), so a name re-pointed after creation
 * (DNS rebinding) is refused too.
 */
import { BlockList, isIP } from 'node:net';
import { isProduction, type Profile } from '../config/env.js';

export interface WebhookTargetPolicy {
  requireHttps: boolean;
  /** Development and test only: loopback and private receivers on the developer's own machine. */
  allowLocal: boolean;
  /** Production: the private ranges webhooks may reach (null: none). Never loopback, link-local or metadata. */
  privateAllowlist: BlockList | null;
}

/** Instance-metadata services: credentials live there, so no policy reaches them. */
const metadata = new BlockList();
metadata.addSubnet('169.254.0.0', 16, 'ipv4');
metadata.addAddress('fd00:ec2::254', 'ipv6');

/** Never a webhook receiver in production, whatever the allowlist: this host, "this network", link-local. */
const neverInProduction = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
] as const)
  neverInProduction.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10],
] as const)
  neverInProduction.addSubnet(net, bits, 'ipv6');

/** Everything that is not a public unicast address (RFC 6890 special-purpose registries). */
const nonPublic = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(net, bits, 'ipv6');

const ipv4ToInt = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const intToIpv4 = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/**
 * Parses `WEBHOOK_PRIVATE_CIDRS` ("10.20.0.0/16, fd12:3456::/48"): each range must lie inside the private or
 * reserved space (a public range needs no allowlisting) and may not touch loopback, `0.0.0.0/8`, link-local or
 * metadata addresses. A bad entry stops the process at start, naming the variable.
 */
export function parsePrivateAllowlist(text: string): BlockList | null {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const refuse = (why: string) => new Error(`WEBHOOK_PRIVATE_CIDRS: ${JSON.stringify(entry)} ${why}`);
    const m = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    const family = m ? isIP(m[1]!) : 0;
    if (!m || family === 0) throw refuse('is not a CIDR range (e.g. 10.20.0.0/16)');
    const bits = Number(m[2]);
    if (bits > (family === 4 ? 32 : 128)) throw refuse('has a prefix longer than the address');
    const type = family === 4 ? ('ipv4' as const) : ('ipv6' as const);
    // The range's first and last address (IPv4), or its first (IPv6, where the prefix must be at least /7: fc00::/7).
    const bounds =
      family === 4
        ? [
            intToIpv4(Math.floor(ipv4ToInt(m[1]!) / 2 ** (32 - bits)) * 2 ** (32 - bits)),
            intToIpv4(Math.floor(ipv4ToInt(m[1]!) / 2 ** (32 - bits)) * 2 ** (32 - bits) + 2 ** (32 - bits) - 1),
          ]
        : [m[1]!];
    if (family === 6 && bits < 7) throw refuse('is wider than any private IPv6 range');
    for (const address of bounds) {
      if (neverInProduction.check(address, type) || metadata.check(address, type))
        throw refuse('reaches loopback, 0.0.0.0/8, link-local or metadata addresses, which webhooks never reach');
      if (!nonPublic.check(address, type)) throw refuse('is not (wholly) a private range: public addresses need no allowlisting');
    }
    list.addSubnet(m[1]!, bits, type);
  }
  return list;
}

export function targetPolicyFor(env: { MASTERBUS_PROFILE: Profile; WEBHOOK_PRIVATE_CIDRS: string }): WebhookTargetPolicy {
  return isProduction(env)
    ? { requireHttps: true, allowLocal: false, privateAllowlist: parsePrivateAllowlist(env.WEBHOOK_PRIVATE_CIDRS) }
    : { requireHttps: false, allowLocal: true, privateAllowlist: null };
}

export const maxWebhookUrlLength = 2048;

/** An IPv4 address carried in an IPv6 one (`::ffff:a.b.c.d` mapped, `::a.b.c.d` compatible), checked as IPv4. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not receive webhooks under the policy, or null when it may. */
export function refusedAddress(address: string, policy: WebhookTargetPolicy): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = isIP(bare) === 6 ? embeddedIpv4(bare) : null;
  const [ip, family] = v4 ? [v4, 'ipv4' as const] : [bare, isIP(bare) === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (isIP(ip) === 0) return `${address} is not an IP address`;
  if (metadata.check(ip, family)) return `${address} is a link-local or cloud metadata address`;
  if (policy.allowLocal) return null;
  if (neverInProduction.check(ip, family)) return `${address} is a loopback, unspecified or link-local address`;
  if (nonPublic.check(ip, family) && !policy.privateAllowlist?.check(ip, family))
    return `${address} is a private or reserved address outside WEBHOOK_PRIVATE_CIDRS`;
  return null;
}

const localHostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');
/** Host names that only ever mean something inside a network. */
const internalHostName = (host: string) => /\.(local|internal|home\.arpa)$/.test(host) || !host.includes('.');

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The checks that need no DNS: scheme, credentials, literal addresses and internal names. */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): UrlCheck {
  if (raw.length > maxWebhookUrlLength) return { ok: false, reason: `the URL is longer than ${maxWebhookUrlLength} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'only http and https URLs can receive webhooks' };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, reason: 'webhook URLs must use https' };
  if (url.username || url.password)
    return { ok: false, reason: 'credentials in the URL are not accepted (authenticate deliveries by their signature)' };
  if (url.hash) return { ok: false, reason: 'a URL fragment is never sent; remove it' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { ok: false, reason: 'the URL has no host' };
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
    const refused = refusedAddress(host, policy);
    return refused ? { ok: false, reason: refused } : { ok: true, url };
  }
  if (!policy.allowLocal && localHostName(host)) return { ok: false, reason: `${host} is this host` };
  // Internal names (svc.cluster.local, …) only with a private allowlist; their addresses are checked against it.
  if (!policy.allowLocal && !policy.privateAllowlist && internalHostName(host))
    return { ok: false, reason: `${host} is an internal host name` };
  return { ok: true, url };
}
