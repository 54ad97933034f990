import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { Session } from '../../src/session/session.js';
import { iq, query } from '../../src/session/stanza.js';
import { describe, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { createRoom } from './room.js';

const RSM = 'http://jabber.org/protocol/rsm';

/** The rooms a disco#items walk of the service lists, following XEP-0059 pages where offered. */
async function listedRooms(s: Session, service: string): Promise<{ ok: boolean; jids: string[]; last: string }> {
  const jids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const paging = after === undefined ? [] : [x('set', { xmlns: RSM }, x('after', {}, after))];
    const response = await s.iq(iq('get', { to: service }, query(NS.discoItems, {}, ...paging)));
    const q = response.getChild('query', NS.discoItems);
    if (response.attrs.type !== 'result' || !q) return { ok: false, jids, last: describe(response) };
    const items = q.getChildren('item').map((i) => (i.attrs.jid as string).toLowerCase());
    jids.push(...items);
    after = q.getChild('set', RSM)?.getChildText('last') ?? undefined;
    if (!after || items.length === 0) return { ok: true, jids, last: describe(response) };
  }
  return { ok: true, jids, last: 'stopped after 50 pages' };
}

/** The privacy and security features of §6.4, in pairs: a room shows one of each pair. */
const FEATURE_PAIRS: [string, string][] = [
  ['muc_passwordprotected', 'muc_unsecured'],
  ['muc_hidden', 'muc_public'],
  ['muc_membersonly', 'muc_open'],
  ['muc_moderated', 'muc_unmoderated'],
  ['muc_nonanonymous', 'muc_semianonymous'],
  ['muc_persistent', 'muc_temporary'],
];

/** XEP-0045 §6: discovering the service, its rooms, room information and occupants. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'entity' }, [
  {
    id: 'XEP0045-6-1',
    cite: sameIn(['1.22', '1.24'], { section: '6', keyword: 'MUST', quote: '' }),
    requirement: 'The MUC service implements XEP-0030: disco#info and disco#items to it return results.',
    accounts: 1,
    async run(t) {
      const service = t.requireFact('service');
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, service);
      t.check(info.ok, `a disco#info result from ${service}`, info.response);
      const items = await discoItems(s, service);
      t.check(items.ok, `a disco#items result from ${service}`, items.response);
    },
  },
  {
    id: 'XEP0045-6.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.2', keyword: 'MUST', quote: '' }),
    requirement: `The service's disco#info shows identity conference/text and the feature ${NS.muc}.`,
    accounts: 1,
    async run(t) {
      const service = t.requireFact('service');
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, service);
      t.check(info.identities.some((i) => i.category === 'conference' && i.type === 'text'), 'an identity category=conference type=text', info.response);
      t.check(info.features.includes(NS.muc), `the feature ${NS.muc}`, info.response);
    },
  },
  {
    id: 'XEP0045-6.3-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.3', keyword: 'SHOULD', quote: '' }),
    requirement: "disco#items on the service shows a non-occupant the public rooms and leaves hidden rooms out (following XEP-0059 pages if it pages).",
    accounts: 2,
    async run(t) {
      const service = t.requireFact('service');
      const owner = await t.login(t.accounts[0]!);
      const shown = await createRoom(t, owner, { nick: 'public', config: { publicroom: true } });
      const hidden = await createRoom(t, owner, { nick: 'hidden', config: { publicroom: false } });
      // a stranger to both rooms: services may show occupants the hidden rooms they are in
      const listed = await listedRooms(await t.login(t.accounts[1]!), service);
      t.check(listed.ok, `a disco#items result from ${service}`, listed.last);
      t.note(`${listed.jids.length} rooms listed`);
      t.check(listed.jids.includes(shown.jid), `the public room ${shown.jid} among the items`, `not listed; last response ${listed.last}`);
      t.check(!listed.jids.includes(hidden.jid), `the hidden room ${hidden.jid} not among the items`, 'the hidden room is listed');
    },
  },
  {
    id: 'XEP0045-6.4-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.4', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: "A room's disco#info shows identity conference/text (MUST) and features that match its configuration, one of each privacy/security pair (SHOULD).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = await createRoom(t, s, { config: { membersonly: true, moderatedroom: true, whois: 'anyone' } });
      const info = await discoInfo(s, room.jid);
      t.must(info.identities.some((i) => i.category === 'conference' && i.type === 'text'), 'the room\'s identity category=conference type=text', info.response);
      for (const feature of ['muc_membersonly', 'muc_moderated', 'muc_nonanonymous']) {
        t.should(info.features.includes(feature), `the feature ${feature} for a room configured so`, info.response);
      }
      for (const pair of FEATURE_PAIRS) {
        const shown = pair.filter((f) => info.features.includes(f));
        t.should(shown.length === 1, `exactly one of ${pair.join(' / ')}`, shown.length ? shown.join(' and ') : 'neither');
      }
    },
  },
  {
    id: 'XEP0045-6.5-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.5', keyword: 'MUST', quote: '' }),
    requirement: 'disco#items on a room from a non-occupant is a result (its occupants if public, else an empty query), never an error.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const outsider = await t.login(c!);
      const room = await createRoom(t, owner);
      const items = await discoItems(outsider, room.jid);
      t.check(items.ok, `a disco#items result from ${room.jid}`, items.response);
      t.outcome(items.items.length ? `occupants listed: ${items.items.map((i) => i.jid).join(', ')}` : 'an empty query (occupants kept private)');
    },
  },
  {
    id: 'XEP0045-6.6-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.6', keyword: 'MUST', quote: '' }),
    // was `introduced: 'the MUST of later versions; v1.24 (2008), which the levels cite, says SHOULD'`: cite the later text as NotInText.later
    requirement: 'A disco request from a non-occupant to an occupant JID gets <bad-request/>.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const outsider = await t.login(c!);
      const room = await createRoom(t, owner);
      const response = await outsider.iq(iq('get', { to: `${room.jid}/${room.nick}` }, query(NS.discoInfo)));
      t.expectError(response, ['bad-request']);
    },
  },
]);
