/**
 * The allowedHosts rules: entry forms, what a name entry allows (never a special address it
 * resolves to), IP and network entries, ports, and the entries refused at start-up.
 */
import { expect } from 'chai';
import { HostAllowlist } from '../../../main/http-client/allowlist.js';
import { isSpecialAddress, plainAddress } from '../../../main/http-client/special-addresses.js';
import { resolveHttpClientOptions } from '../../../main/http-client/client-options.js';

const refused = (list: HostAllowlist, url: string) => expect(() => list.checkUrl(new URL(url)), url).to.throw();

describe('HostAllowlist', () => {
  it('is empty by default: no URL passes', () => {
    const list = new HostAllowlist([]);
    expect(list.empty).to.equal(true);
    refused(list, 'https://example.com/');
  });

  it('a name entry allows that name on any port, case and trailing dot aside; not its subdomains', () => {
    const list = new HostAllowlist(['API.example.com']);
    list.checkUrl(new URL('https://api.example.com/x'));
    list.checkUrl(new URL('http://api.example.com.:8080/'));
    refused(list, 'https://www.api.example.com/');
    refused(list, 'https://example.com/');
  });

  it('a wildcard allows subdomains, not the apex', () => {
    const list = new HostAllowlist(['*.example.com']);
    list.checkUrl(new URL('https://a.b.example.com/'));
    refused(list, 'https://example.com/');
    refused(list, 'https://badexample.com/');
  });

  it('a port in an entry is the only port allowed (the scheme default when the URL has none)', () => {
    const list = new HostAllowlist(['example.com:443', '127.0.0.1:8080', '[::1]:9000']);
    list.checkUrl(new URL('https://example.com/'));
    refused(list, 'http://example.com/');
    list.checkUrl(new URL('http://127.0.0.1:8080/'));
    refused(list, 'http://127.0.0.1:8081/');
    list.checkUrl(new URL('http://[::1]:9000/'));
    refused(list, 'http://[::1]:9001/');
  });

  it('address and network entries allow literal addresses, IPv4-mapped IPv6 included', () => {
    const list = new HostAllowlist(['10.0.0.0/8', '::1', '203.0.113.7']);
    list.checkUrl(new URL('http://10.1.2.3/'));
    list.checkUrl(new URL('http://[::ffff:10.1.2.3]/'));
    list.checkUrl(new URL('http://[::1]/'));
    list.checkUrl(new URL('http://203.0.113.7/'));
    refused(list, 'http://11.0.0.1/');
    refused(list, 'http://127.0.0.1/');
  });

  it('a name entry never allows a literal address, even a public one', () => {
    refused(new HostAllowlist(['example.com']), 'http://93.184.215.14/');
  });

  it('resolved addresses of a listed name: public ones pass, special ones need an IP entry', () => {
    const nameOnly = new HostAllowlist(['localhost']);
    expect(nameOnly.addressAllowed('93.184.215.14', 80)).to.equal(true);
    for (const address of [
      '127.0.0.1',
      '::1',
      '10.0.0.1',
      '192.168.1.1',
      '169.254.169.254',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(nameOnly.addressAllowed(address, 80), address).to.equal(false);
    const withAddress = new HostAllowlist(['localhost', '127.0.0.1']);
    expect(withAddress.addressAllowed('127.0.0.1', 80)).to.equal(true);
    expect(withAddress.addressAllowed('::ffff:7f00:1', 80)).to.equal(true);
    expect(withAddress.addressAllowed('::1', 80)).to.equal(false);
  });

  it('refuses schemes other than http and https, and credentials in URLs', () => {
    const list = new HostAllowlist(['example.com']);
    refused(list, 'ftp://example.com/');
    refused(list, 'file:///etc/passwd');
    refused(list, 'http://user:pw@example.com/');
  });

  it('rejects bad entries at start-up with ERR_INVALID_OPTION naming allowedHosts', () => {
    for (const entry of [
      '',
      'http://example.com',
      'example.com/path',
      '10.0.0.0/33',
      '*.10.0.0.1',
      'a b',
    ] as unknown[]) {
      expect(() => new HostAllowlist([entry as string]), String(entry))
        .to.throw(/option "allowedHosts" entry/)
        .with.property('code', 'ERR_INVALID_OPTION');
    }
    expect(() => new HostAllowlist('example.com' as unknown as string[])).to.throw(/allowedHosts/);
  });

  it('refuses a "*" anywhere but a leading "*." label: "*" alone would otherwise allow no host, silently', () => {
    for (const entry of ['*', '*:443', 'api.*.example.com', '*example.com', '*.*.example.com', 'exa*mple.com']) {
      expect(() => new HostAllowlist([entry]), entry)
        .to.throw(/option "allowedHosts" entry .* "\*" only as a leading "\*\." label/)
        .with.property('code', 'ERR_INVALID_OPTION');
    }
    expect(new HostAllowlist(['*.example.com']).empty).to.equal(false);
  });
});

describe('special addresses', () => {
  it('loopback, private, link-local, CGNAT, unspecified, multicast; not public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::',
      '::1',
      'fc00::1',
      'fe80::1',
      'ff02::1',
    ])
      expect(isSpecialAddress(address), address).to.equal(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isSpecialAddress(address), address).to.equal(false);
  });

  it('IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry', () => {
    expect(plainAddress('::ffff:127.0.0.1')).to.equal('127.0.0.1');
    expect(plainAddress('[::ffff:7f00:1]')).to.equal('127.0.0.1');
    expect(isSpecialAddress('::ffff:7f00:1')).to.equal(true);
  });

  it('only ::ffff:0:0/96 is IPv4-mapped: a multicast ffff:… address is not judged as the IPv4 address of its words', () => {
    // ffff:808:808::1 lies in ff00::/8 (multicast); it was taken for 8.8.8.8, public.
    expect(plainAddress('ffff:808:808::1')).to.equal('ffff:808:808::1');
    expect(isSpecialAddress('ffff:808:808::1')).to.equal(true);
    const byAddress = new HostAllowlist(['8.8.8.8']);
    expect(byAddress.addressAllowed('ffff:808:808::1', 80)).to.equal(false);
    expect(byAddress.addressAllowed('::ffff:808:808', 80)).to.equal(true);
    // Forms near the mapped one are not mapped, and lie in the reserved 0000::/8.
    for (const address of ['0:ffff:7f00:1::', '::ffff:7f00:1:2', '0:0:0:0:ffff:808:808:1'])
      expect(isSpecialAddress(address), address).to.equal(true);
  });

  it('the other IPv6 forms that carry an IPv4 address (compatible, translated) are special, whatever they carry', () => {
    for (const address of ['::7f00:1', '::127.0.0.1', '::808:808', '::ffff:0:7f00:1', '::ffff:0:808:808'])
      expect(isSpecialAddress(address), address).to.equal(true);
    const nameOnly = new HostAllowlist(['example.com']);
    expect(nameOnly.addressAllowed('::7f00:1', 80)).to.equal(false);
  });
});

describe('HTTP client options', () => {
  it('documented defaults: no host, 10 s, 10 MiB', () => {
    expect(resolveHttpClientOptions({})).to.deep.equal({
      allowedHosts: [],
      httpClientTimeout: 10_000,
      httpClientMaxResponseSize: 10 * 1024 * 1024,
    });
  });

  it('a bad one throws ERR_INVALID_OPTION naming it', () => {
    expect(() => resolveHttpClientOptions({ allowedHosts: ['http://x'] })).to.throw(/option "allowedHosts"/);
    expect(() => resolveHttpClientOptions({ httpClientTimeout: 0 })).to.throw(/option "httpClientTimeout"/);
    expect(() => resolveHttpClientOptions({ httpClientMaxResponseSize: -1 })).to.throw(/httpClientMaxResponseSize/);
  });
});
