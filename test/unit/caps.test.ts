import { describe, expect, it } from 'vitest';
import { CAPS_NODE, capsElement, capsVer, personaWith, verificationString } from '../../suites/lib/caps.js';
import { x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

// the simple example of XEP-0115 §5.2, as ../shared/requirements/xep-0115.md §C gives it
const exodus = {
  identities: [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
  features: [
    'http://jabber.org/protocol/disco#info',
    'http://jabber.org/protocol/disco#items',
    'http://jabber.org/protocol/muc',
    'http://jabber.org/protocol/caps',
  ],
};

describe('XEP-0115 §5 verification string and ver', () => {
  it('matches the simple example of §5.2', () => {
    expect(verificationString(exodus.identities, exodus.features)).toBe(
      'client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<');
    expect(capsVer(exodus.identities, exodus.features)).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('does not depend on the order features are listed in', () => {
    expect(capsVer(exodus.identities, [...exodus.features].reverse())).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('keeps both separators for an identity without lang and name', () => {
    expect(verificationString([{ category: 'client', type: 'pc' }], [])).toBe('client/pc//<');
  });

  it('sorts identities by octets, so lang "el" comes before "en"', () => {
    const ids = [{ category: 'client', type: 'pc', lang: 'en', name: 'Psi 0.11' }, { category: 'client', type: 'pc', lang: 'el', name: 'Ψ 0.11' }];
    expect(verificationString(ids, [])).toBe('client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<');
  });

  it('matches the complex example of §5.3: identities in two languages and a XEP-0128 form', () => {
    const ids = [{ category: 'client', type: 'pc', lang: 'en', name: 'Psi 0.11' }, { category: 'client', type: 'pc', lang: 'el', name: 'Ψ 0.11' }];
    const features = ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'];
    const field = (name: string, ...values: string[]): Element => x('field', { var: name }, ...values.map((v) => x('value', {}, v)));
    // fields out of order, as a client may send them: the verification string sorts them
    const form = x('x', { xmlns: NS.dataForms, type: 'result' },
      field('os', 'Mac'), field('FORM_TYPE', 'urn:xmpp:dataforms:softwareinfo'), field('ip_version', 'ipv6', 'ipv4'),
      field('software_version', '0.11'), field('os_version', '10.5.1'), field('software', 'Psi'));
    expect(verificationString(ids, features, [form])).toBe('client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<'
      + 'http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<'
      + 'ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<');
    expect(capsVer(ids, features, [form])).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('builds the <c/> element of a persona with its hash', () => {
    const persona = personaWith(['urn:xmpp:certify:test:0+notify']);
    const c = capsElement(persona);
    expect(c.getNS()).toBe(NS.caps);
    expect(c.attrs).toMatchObject({ hash: 'sha-1', node: CAPS_NODE, ver: capsVer([persona.identity], persona.features) });
    expect(persona.features).toContain('urn:xmpp:certify:test:0+notify');
  });
});
