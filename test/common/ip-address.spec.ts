/**
 * The address rules the HTTP client and the scripts' request facade share: an IPv4-mapped IPv6
 * address and the IPv4 address it carries, and a host in a URL's authority.
 */
import { expect } from 'chai';
import { mappedIpv4, urlHostText } from '../../common/ip-address.js';

describe('IP address texts', () => {
  it('an IPv4-mapped address, as a socket writes it or as a URL does, carries its IPv4 address', () => {
    expect(mappedIpv4('::ffff:127.0.0.1')).to.equal('127.0.0.1');
    expect(mappedIpv4('::FFFF:10.1.2.3')).to.equal('10.1.2.3');
    expect(mappedIpv4('::ffff:7f00:1')).to.equal('127.0.0.1');
    expect(mappedIpv4('::ffff:c0a8:102')).to.equal('192.168.1.2');
  });

  it('no other address is mapped: loopback, compatible, translated, multicast, scoped', () => {
    for (const address of ['::1', '::7f00:1', '::ffff:0:7f00:1', 'ffff:808:808::1', 'fe80::1%eth0', '127.0.0.1', ''])
      expect(mappedIpv4(address), address).to.equal(undefined);
  });

  it('an IPv6 host goes into a URL in brackets, once', () => {
    expect(urlHostText('::1')).to.equal('[::1]');
    expect(urlHostText('[::1]')).to.equal('[::1]');
    expect(urlHostText('127.0.0.1')).to.equal('127.0.0.1');
    expect(urlHostText('app.example.com')).to.equal('app.example.com');
  });
});
