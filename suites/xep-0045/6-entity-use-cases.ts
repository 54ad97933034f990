import { defineCases, describe, iq, NS, query, renumbered, sameIn, type Session, x } from '../../src/authoring.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { createRoom, type Config } from './room.js';
import { since125 } from './since-1.25.js';

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
    cite: sameIn(['1.22', '1.24', '1.34.5'], { section: '6', keyword: 'MUST', quote: 'A MUC implementation MUST support Service Discovery.', anchor: 'entity' }),
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
    cite: renumbered({ '1.22': '6.1', '1.24': '6.1', '1.34.5': { section: '6.2', anchor: 'disco-service-features' } }, { keyword: 'MUST', quote: 'The service MUST return its identity and the features it supports', anchor: 'disco-component' }),
    requirement: `The service's disco#info shows identity conference/text and the feature ${NS.muc}.`,
    evidence: 'advertisement',
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
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '6.2',
        keyword: 'SHOULD',
        quote: 'The service SHOULD return a full list of the rooms it hosts.',
        anchor: 'disco-rooms',
        changed: 'v1.25 (2012): "a full list of the public rooms it hosts (i.e., not return any rooms that are hidden)"',
      }),
      '1.34.5': {
        section: '6.3',
        keyword: 'SHOULD',
        anchor: 'disco-rooms',
        quote: 'The service SHOULD return a full list of the public rooms it hosts (i.e., not return any rooms that are hidden).',
      },
    },
    requirement: 'disco#items on the service lists a public room it hosts to a non-occupant (following XEP-0059 pages if it pages); a hidden room is left out (v1.34.5: SHOULD; v1.22/v1.24 set no rule on it, so it is noted).',
    accounts: 2,
    async run(t) {
      const service = t.requireFact('service');
      const owner = await t.login(t.accounts[0]!);
      let configurable = false;
      const shown = await createRoom(t, owner, {
        nick: 'public',
        config: (form): Config => {
          configurable = form.has('publicroom');
          return configurable ? { publicroom: true } : {};
        },
      });
      const hidden = configurable ? await createRoom(t, owner, { nick: 'hidden', config: { publicroom: false } }) : undefined;
      // a stranger to both rooms: services may show occupants the hidden rooms they are in
      const listed = await listedRooms(await t.login(t.accounts[1]!), service);
      t.check(listed.ok, `a disco#items result from ${service}`, listed.last);
      t.note(`${listed.jids.length} rooms listed`);
      t.check(listed.jids.includes(shown.jid), `the room ${shown.jid} among the items`, `not listed; last response ${listed.last}`);
      if (hidden && since125(t)) t.should(!listed.jids.includes(hidden.jid), `the hidden room ${hidden.jid} left out`, 'listed');
      else if (hidden) t.outcome(listed.jids.includes(hidden.jid) ? `the hidden room ${hidden.jid} is listed too` : `the hidden room ${hidden.jid} is left out`);
      else t.note('the configuration form has no muc#roomconfig_publicroom field: no hidden room was made');
    },
  },
  {
    id: 'XEP0045-6.4-1',
    cite: renumbered({ '1.22': '6.3', '1.24': '6.3', '1.34.5': '6.4' }, { keyword: ['MUST', 'SHOULD'], quote: 'The room MUST return its identity and SHOULD return the features it supports', anchor: 'disco-roominfo' }),
    requirement: "A room's disco#info shows identity conference/text (MUST) and features that match its configuration, one of each privacy/security pair (SHOULD).",
    evidence: 'advertisement',
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
    cite: renumbered({ '1.22': '6.4', '1.24': '6.4', '1.34.5': '6.5' }, {
      keyword: 'MAY',
      quote: 'An implementation MAY return a list of existing occupants if that information is publicly available, or return no list at all if this information is kept private.',
      anchor: 'disco-roomitems',
    }),
    requirement: 'disco#items on a room from a non-occupant: a result listing the occupants, or one without a list (an empty query); which of the two is recorded (the text allows both; an error is neither).',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const outsider = await t.login(c!);
      const room = await createRoom(t, owner);
      const items = await discoItems(outsider, room.jid);
      t.outcome(!items.ok ? `an error: ${describe(items.response, 200)}` : items.items.length ? `occupants listed: ${items.items.map((i) => i.jid).join(', ')}` : 'an empty query (occupants kept private)');
      t.check(items.ok, `a disco#items result from ${room.jid}, with or without a list of occupants`, items.response);
    },
  },
  {
    id: 'XEP0045-6.6-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '6.5',
        keyword: 'SHOULD',
        // the elided words are the XEP's own entity &ROOMJID; ("<room@service/nick>")
        quote: 'If a non-occupant attempts to send a disco request to an address of the form … a MUC service SHOULD return the request to the entity and specify a <bad-request/> error condition.',
        anchor: 'disco-occupant',
        changed: 'v1.25 (2012) makes it MUST',
      }),
      '1.34.5': {
        section: '6.6',
        keyword: 'MUST',
        anchor: 'disco-occupant',
        quote: 'If a non-occupant attempts to send a disco request to an address of the form …, a MUC service MUST return a <bad-request/> error.',
      },
    },
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
