import { describe, expect, it } from 'vitest';
import { chooseTransports, resolveEndpoints } from '../../src/cli/endpoints.js';
import { resolveTargets, type TargetFlags } from '../../src/cli/targets.js';
import { ALT_CONNECTIONS, defaultHostMetaUrl, directTlsSrv, isDnsDomain, jrdUrlOf, parseJrd, parseXrd, xmppLinks } from '../../src/transport/discovery.js';

const flags = (f: Partial<TargetFlags>): TargetFlags => ({ target: [], domain: [], account: [], ca: [], boshUrl: [], websocketUrl: [], directTls: [], hostMetaUrl: [], register: true, ...f });

const XRD = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://web.example.com:5280/bosh"/>
  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://web.example.com:443/ws"/>
  <Link rel="lrdd" href="https://example.com/lrdd?uri={uri}"/>
</XRD>`;

describe('host-meta (XEP-0156, RFC 6415)', () => {
  it('reads the Link elements of an XRD and picks out the XMPP ones', () => {
    const parsed = parseXrd(XRD);
    expect('links' in parsed && xmppLinks(parsed.links)).toEqual([
      { rel: ALT_CONNECTIONS.bosh, href: 'https://web.example.com:5280/bosh' },
      { rel: ALT_CONNECTIONS.websocket, href: 'wss://web.example.com:443/ws' },
    ]);
  });

  it('says why a document is no XRD', () => {
    expect(parseXrd('<XRD><Link rel="a" href="b"/></XRD>')).toEqual({ problem: expect.stringMatching(/root element is \{\}XRD, not an XRD/) });
    expect(parseXrd('<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">')).toEqual({ problem: expect.stringMatching(/not well-formed/) });
  });

  it('reads the links of a JRD, skipping malformed ones', () => {
    expect(parseJrd(JSON.stringify({ links: [{ rel: ALT_CONNECTIONS.websocket, href: 'wss://w/ws' }, { rel: 'x' }, 7] }))).toEqual({ links: [{ rel: ALT_CONNECTIONS.websocket, href: 'wss://w/ws' }] });
    expect(parseJrd('{"links": {}}')).toEqual({ problem: "'links' is not an array" });
    expect(parseJrd('<XRD/>')).toEqual({ problem: expect.stringMatching(/^not JSON/) });
  });

  it('is looked for at the domain, the JSON form beside the XML one', () => {
    expect(defaultHostMetaUrl('example.org')).toBe('https://example.org/.well-known/host-meta');
    expect(jrdUrlOf('https://127.0.0.1:5281/.well-known/host-meta')).toBe('https://127.0.0.1:5281/.well-known/host-meta.json');
  });
});

describe('_xmpps-client SRV records (XEP-0368)', () => {
  it('are tried lowest priority first, heavier weight first, and "." means none', async () => {
    const records = [
      { name: 'b.example.org', port: 443, priority: 10, weight: 1 },
      { name: 'a.example.org.', port: 5223, priority: 5, weight: 0 },
      { name: 'c.example.org', port: 5223, priority: 10, weight: 9 },
    ];
    expect(await directTlsSrv('example.org', async (name) => (name === '_xmpps-client._tcp.example.org' ? records : []))).toEqual([
      { host: 'a.example.org', port: 5223 }, { host: 'c.example.org', port: 5223 }, { host: 'b.example.org', port: 443 },
    ]);
    expect(await directTlsSrv('example.org', async () => [{ name: '.', port: 0, priority: 0, weight: 0 }])).toEqual([]);
    expect(await directTlsSrv('example.org', async () => Promise.reject(new Error('ENOTFOUND')))).toEqual([]);
  });

  it('are asked only of a domain that can have DNS records', () => {
    expect(['jabber.org', 'localhost', '127.0.0.1', 'host', 'a.test', 'a.localhost', '::1'].map(isDnsDomain)).toEqual([true, false, false, false, false, false, false]);
  });
});

describe('the endpoints of a target', () => {
  it('come from --websocket-url, --direct-tls (port 5223 unless given) and --host-meta-url, NAME= for one target', () => {
    const targets = resolveTargets(flags({
      target: ['p=127.0.0.1:15222', 'e=127.0.0.1:25222'], domain: ['localhost'],
      websocketUrl: ['p=ws://127.0.0.1:15280/xmpp-websocket', 'e=wss://127.0.0.1:25443/ws'],
      directTls: ['p=127.0.0.1', 'e=127.0.0.1:25223'],
      hostMetaUrl: ['e=https://127.0.0.1:25443/.well-known/host-meta'],
    }), undefined);
    expect(targets.map((t) => [t.websocketUrl, t.directTls, t.hostMetaUrl])).toEqual([
      ['ws://127.0.0.1:15280/xmpp-websocket', { host: '127.0.0.1', port: 5223 }, undefined],
      ['wss://127.0.0.1:25443/ws', { host: '127.0.0.1', port: 25223 }, 'https://127.0.0.1:25443/.well-known/host-meta'],
    ]);
  });

  it('refuse a URL of the wrong scheme, naming the option', () => {
    expect(() => resolveTargets(flags({ target: ['example.org'], websocketUrl: ['https://example.org/ws'] }), undefined)).toThrow(/--websocket-url "https:\/\/example.org\/ws": expected a ws:\/\/ or wss:\/\/ URL/);
    expect(() => resolveTargets(flags({ target: ['example.org'], hostMetaUrl: ['http://example.org/.well-known/host-meta'] }), undefined)).toThrow(/--host-meta-url .* expected a https:\/\/ URL/);
    expect(() => resolveTargets(flags({ target: ['example.org'], directTls: ['example.org:99999'] }), undefined)).toThrow(/--direct-tls .* port must be 1-65535/);
  });

  it('are discovered only for a transport the run may use, and never by DNS for localhost', async () => {
    const [t] = resolveTargets(flags({ target: ['127.0.0.1:5222'], domain: ['localhost'], hostMetaUrl: ['https://127.0.0.1:1/.well-known/host-meta'] }), undefined);
    const said: string[] = [];
    const endpoints = await resolveEndpoints(t!, () => false, { insecure: false }, 500, (l) => said.push(l));
    expect(endpoints).toEqual({ boshUrl: undefined, websocketUrl: undefined, directTls: undefined, hostMetaUrl: 'https://127.0.0.1:1/.well-known/host-meta' });
    expect(said).toEqual([]);
    // wanted, but the host-meta cannot be fetched and localhost has no DNS records: nothing found, and said why
    expect(await resolveEndpoints(t!, () => true, { insecure: false }, 500, (l) => said.push(l))).toMatchObject({ websocketUrl: undefined, directTls: undefined });
    expect(said).toEqual([
      expect.stringMatching(/^no WebSocket endpoint: none given \(--websocket-url\), and the host-meta at https:\/\/127\.0\.0\.1:1\/\.well-known\/host-meta names none \(.*ECONNREFUSED/),
      'no direct TLS endpoint: none given (--direct-tls), and localhost has no DNS records to ask',
    ]);
  });
});

describe('the transports of a run', () => {
  const cs2023 = new Set(['xmpp-core', 'rfc7395', 'xep-0368', 'xep-0206']);
  const all = { boshUrl: 'https://x/bosh', websocketUrl: 'wss://x/ws', directTls: { host: 'x', port: 5223 } };

  it('are, by default, TCP and each transport the level names whose endpoint is known', () => {
    expect(chooseTransports('auto', all, cs2023)).toEqual(['tcp', 'bosh', 'websocket', 'directtls']);
    expect(chooseTransports('auto', { websocketUrl: 'wss://x/ws' }, cs2023)).toEqual(['tcp', 'websocket']);
    expect(chooseTransports('auto', all, new Set(['xmpp-core']))).toEqual(['tcp']);
  });

  it('may be named, each needing its endpoint', () => {
    expect(chooseTransports('tcp,websocket,directtls', all, new Set())).toEqual(['tcp', 'websocket', 'directtls']);
    expect(() => chooseTransports('websocket', {}, cs2023)).toThrow(/--transport websocket needs --websocket-url/);
    expect(() => chooseTransports('directtls', {}, cs2023)).toThrow(/--transport directtls needs --direct-tls/);
    expect(() => chooseTransports('tcp,wss', all, cs2023)).toThrow(/unknown transport "wss" \(a list of tcp, bosh, zlib, websocket, directtls; or auto\)/);
  });
});
