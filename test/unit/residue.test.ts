import { describe, expect, it } from 'vitest';
import { residueOf } from '../../src/session/residue.js';
import { iq, query } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

describe('what a stanza leaves on the server for its resource', () => {
  it('nothing for messages, answers and account-level requests', () => {
    expect(residueOf(x('message', { to: 'bob@example.test' }, x('body', {}, 'hi')))).toBeUndefined();
    expect(residueOf(iq('result', { id: '1' }))).toBeUndefined();
    expect(residueOf(iq('set', {}, query(NS.roster, {}, x('item', { jid: 'bob@example.test' }))))).toBeUndefined();
    expect(residueOf(iq('get', { to: 'example.test' }, query(NS.discoInfo)))).toBeUndefined();
    expect(residueOf(iq('set', {}, x('pubsub', { xmlns: NS.pubsub }, x('publish', { node: 'n' }))))).toBeUndefined();
  });

  it('state for presence, interest in pushes, privacy lists, subscriptions, nonzas and unknown requests', () => {
    expect(residueOf(x('presence'))).toMatch(/presence/);
    expect(residueOf(iq('get', {}, query(NS.roster)))).toMatch(/interested resource/);
    expect(residueOf(iq('get', {}, x('blocklist', { xmlns: NS.blocking })))).toMatch(/block list/);
    expect(residueOf(iq('set', {}, query(NS.privacy, {}, x('active', { name: 'l' }))))).toMatch(/jabber:iq:privacy/);
    expect(residueOf(iq('set', {}, x('pubsub', { xmlns: NS.pubsub }, x('subscribe', { node: 'n', jid: 'a@example.test/r' }))))).toMatch(/subscribed/);
    expect(residueOf(x('compress', { xmlns: NS.compress }, x('method', {}, 'zlib')))).toMatch(/not a stanza/);
    expect(residueOf(iq('set', {}, x('enable', { xmlns: 'urn:xmpp:carbons:2' })))).toMatch(/urn:xmpp:carbons:2/);
  });
});
