import crypto from 'node:crypto';
import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn, type Citation } from '../../src/catalogue/citation.js';
import { iqStanza } from '../../src/session/match.js';
import { stanzaError, token } from '../../src/session/stanza.js';
import { Element, describe, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { deferReset, leaves, storeVCard, vcard, vcardGet, vcardOf, vcardSet } from './vcard.js';

/** A profile with the fields the catalogue names, and a photo of about 8 KB of base64. */
function profile(marker: string): Element {
  return vcard(
    x('FN', {}, `Certify ${marker}`),
    x('N', {}, x('FAMILY', {}, 'Certify'), x('GIVEN', {}, marker)),
    x('NICKNAME', {}, `nick-${marker}`),
    x('EMAIL', {}, x('INTERNET'), x('PREF'), x('USERID', {}, `${marker}@example.com`)),
    x('TEL', {}, x('HOME'), x('VOICE'), x('NUMBER', {}, '+1-555-0100')),
    x('PHOTO', {}, x('TYPE', {}, 'image/png'), x('BINVAL', {}, crypto.randomBytes(6000).toString('base64'))),
  );
}

/** Base64 may come back wrapped (RFC 2045 line breaks carry no data); other text is compared as is. */
function sameValue(path: string, a: string | undefined, b: string): boolean {
  return path.endsWith('BINVAL') ? a?.replace(/\s+/g, '') === b.replace(/\s+/g, '') : a === b;
}

const isVCardRequest = iqStanza({ type: ['get', 'set'], child: NS.vcard }, 'a vCard IQ forwarded to the account\'s resource');

/** v1.2 §3.1: no vCard yet. */
const NO_VCARD: Citation = {
  section: '3.1',
  keyword: ['MUST', 'SHOULD'],
  quote: 'If no vCard exists, the server MUST return a stanza error (which SHOULD be <item-not-found/>) or an IQ-result containing an empty <vCard/> element.',
  changed: 'v1.2 as published (2008-07-16) said the server MUST return an <item-not-found/> error; this wording is from an edit of 2008-11-05 that kept the version number',
};

/** v1.2 §3.1: a stored vCard is returned. */
const RETURNED: Citation = {
  section: '3.1',
  keyword: 'MUST',
  quote: 'If a vCard exists for the user, the server MUST return in an IQ-result:',
};

/** v1.2 §3.3: one error for "no vCard" and "no such user". */
const SAME_ERROR: Citation = {
  section: '3.3',
  keyword: ['MUST', 'SHOULD'],
  quote: 'If no vCard exists or the user does not exist, the server MUST return a stanza error, which SHOULD be either <service-unavailable/> or <item-not-found/> (but the server MUST return the same error condition in both cases to help prevent directory harvesting attacks).',
  changed: 'v1.2 as published (2008-07-16) said MUST return <service-unavailable/>, loosened by an edit of 2008-11-05 that kept the version number; v1.3 (2024) requires <service-unavailable/> again',
};

/** XEP-0054 §3: retrieving and updating one's own vCard, and viewing another user's. */
export default defineCases({ spec: 'xep-0054', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0054-3.1-1',
    cite: { '1.1': { absent: "v1.1 §3.1 says nothing of an account without a vCard ('The server should then return the vCard', lower case)", later: { doc: 'XEP-0054', version: '1.2', ...NO_VCARD } }, '1.2': NO_VCARD },
    requirement: "A get for one's own vCard when none exists gives an error (item-not-found recommended) or a result with an empty <vCard/>.",
    accounts: 1,
    freshAccounts: true,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const response = await vcardGet(s);
      const card = vcardOf(response);
      if (card && card.getChildElements().length > 0) return t.skip(`the account already has a vCard, so "none exists" cannot be arranged: ${describe(card)}`, 'not-run');
      if (response.attrs.type === 'result') {
        t.check(card !== undefined, 'a result carrying an empty <vCard/>', response);
        return t.outcome('an IQ result with an empty <vCard/>');
      }
      const error = t.expectError(response, []);
      t.outcome(`an error <${error?.condition ?? '?'}/>`);
      t.should(error?.condition === 'item-not-found', 'the condition <item-not-found/>', response);
    },
  },
  {
    id: 'XEP0054-3.2-1',
    cite: { '1.1': { absent: "v1.1 §3.1 says 'The server should then return the vCard' (lower case): no keyword requires it", later: { doc: 'XEP-0054', version: '1.2', ...RETURNED } }, '1.2': RETURNED },
    requirement: "Once the user has stored a vCard (the set answered with a result), a get for one's own vCard returns every field as stored.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const sent = profile(token());
      deferReset(t, s);
      const stored = await vcardSet(s, sent);
      // §3.2: "The server then returns an IQ-result (or an IQ-error)": a refused set leaves no vCard to read back
      if (stored.attrs.type !== 'result') {
        t.expectError(stored, []);
        return t.skip(`the server refused to store the vCard (<${stanzaError(stored)?.condition ?? '?'}/>; §3.2 allows an IQ-error): nothing to read back`);
      }
      const response = await vcardGet(s);
      const card = vcardOf(response);
      t.check(card !== undefined, 'a result carrying the stored <vCard/>', response);
      const got = leaves(card!);
      const differing = [...leaves(sent)].filter(([path, value]) => !sameValue(path, got.get(path), value))
        .map(([path, value]) => `${path}: sent "${value.slice(0, 40)}", got ${got.has(path) ? `"${got.get(path)!.slice(0, 40)}"` : 'nothing'}`);
      t.check(differing.length === 0, 'every stored field returned unchanged', differing.join('; '));
    },
  },
  {
    id: 'XEP0054-3.2-2',
    cite: {
      '1.1': {
        section: '3.2',
        keyword: 'MUST',
        quote: "If a user attempts to perform an IQ set on another user's vCard (i.e., by setting a 'to' address to a JID other than the sending user's bare JID), the server MUST return a 403 \"Forbidden\" error.",
        changed: 'v1.2 lets the error be any condition, which SHOULD be <forbidden/> or <not-allowed/>; the case judges the condition that way under both',
      },
      '1.2': {
        section: '3.2',
        keyword: ['MUST', 'SHOULD'],
        quote: "If a user attempts to perform an IQ set on another user's vCard (i.e., by setting a 'to' address to a JID other than the sending user's bare JID), the server MUST return a stanza error, which SHOULD be <forbidden/> or <not-allowed/>.",
        changed: 'v1.2 as published (2008-07-16) said MUST return a <forbidden/> error; this wording is from an edit of 2008-11-05 that kept the version number',
      },
    },
    requirement: "A vCard set addressed to another user's JID is refused with a stanza error (forbidden or not-allowed recommended).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const s = await t.login(a!);
      const marker = `Certify ${token()}`;
      const response = await vcardSet(s, vcard(x('FN', {}, marker)), b!.jid);
      if (response.attrs.type === 'result') {
        // accepted: it may have written B's vCard or the sender's own, so both are reset
        deferReset(t, s);
        t.defer(async () => vcardSet(await t.login(b!), vcard()));
        t.note(`the set was accepted; the sender's own vCard ${vcardOf(await vcardGet(s))?.getChildText('FN') === marker ? 'now carries' : 'does not carry'} the FN sent`);
      }
      const error = t.expectError(response, []);
      t.outcome(`refused with <${error?.condition ?? '?'}/>`);
      t.should(['forbidden', 'not-allowed'].includes(error?.condition ?? ''), 'the condition <forbidden/> or <not-allowed/>', response);
      if (error && error.condition !== 'forbidden') t.note('v1.1 (the 2007 levels) asks for 403 "Forbidden" here');
      const after = vcardOf(await vcardGet(s, b!.jid));
      t.check(after?.getChildText('FN') !== marker, `${b!.jid}'s vCard without the refused FN`, after ?? 'no vCard');
    },
  },
  {
    id: 'XEP0054-3.3-1',
    cite: sameIn(['1.1', '1.2'], {
      section: '3.3',
      keyword: 'MUST',
      quote: "In accordance with XMPP Core, a compliant server MUST respond on behalf of the requestor and not forward the IQ to the requestee's connected resource.",
    }),
    requirement: "A get for another user's vCard (to the bare JID) is answered by the server with the stored vCard, never forwarded to that user's resources.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(b!, { presence: true });
      const marker = `Certify ${token()}`;
      await storeVCard(t, owner, vcard(x('FN', {}, marker)));
      const s = await t.login(a!);
      const response = await vcardGet(s, b!.jid);
      // the answer is in: the server has dealt with the request, and the owner's own round trip comes after it
      await t.nothingArrived(owner, isVCardRequest, `vCard request reaching ${owner.jid}, ${b!.jid}'s resource`, () => owner.sync());
      t.check(vcardOf(response)?.getChildText('FN') === marker, `a result from the server carrying the stored vCard (FN "${marker}")`, response);
    },
  },
  {
    id: 'XEP0054-3.3-2',
    cite: { '1.1': { absent: 'v1.1 §3.3 says nothing of a user without a vCard or a user that does not exist', later: { doc: 'XEP-0054', version: '1.2', ...SAME_ERROR } }, '1.2': SAME_ERROR },
    requirement: 'A get for the vCard of a user without one and of a user that does not exist give the same error (v1.2: service-unavailable or item-not-found; v1.3: service-unavailable).',
    accounts: 2,
    freshAccounts: true,
    async run(t) {
      const [a, c] = t.accounts;
      const contact = await t.login(c!);
      const own = vcardOf(await t.setup(`read ${c!.jid}'s own vCard`, () => vcardGet(contact)));
      if (own?.getChildElements().length) return t.skip(`${c!.jid} has a vCard, so "no vCard" cannot be arranged`, 'not-run');
      const s = await t.login(a!);
      const nobody = t.expectError(await vcardGet(s, `nouser-${token()}@${t.domain}`), [])?.condition;
      const noVCard = await vcardGet(s, c!.jid);
      if (own && noVCard.attrs.type === 'result' && !t.freshAccounts) {
        // vcard-temp has no delete: on a given account, an empty vCard stored by an earlier
        // clean-up looks just like this (a throw-away account has no such past)
        return t.skip(`${c!.jid} may hold an empty vCard (its own get returns an empty <vCard/>, and so does this one), so "no vCard" cannot be told apart from a stored empty one`, 'not-run');
      }
      const none = t.expectError(noVCard, [])?.condition;
      t.check(none === nobody, 'the same condition for both, so accounts cannot be harvested', `<${none ?? '?'}/> for no vCard, <${nobody ?? '?'}/> for no such user`);
      t.outcome(`<${none ?? '?'}/> for both`);
      t.should(none === 'service-unavailable' || none === 'item-not-found', 'the condition <service-unavailable/> or <item-not-found/> (v1.2)', `<${none ?? '?'}/>`);
      if (none === 'item-not-found') t.note('v1.3 (2024) requires <service-unavailable/> here; v1.2, which the 2008/2009 levels cite, allows <item-not-found/>');
    },
  },
]);
