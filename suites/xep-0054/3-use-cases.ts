import crypto from 'node:crypto';
import { type Citation, defineCases, describe, type Element, iqStanza, NS, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
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
  keyword: 'MUST',
  quote: 'If no vCard exists, the server MUST return an <item-not-found/> error.',
  changed: 'an edit of 2008-11-05 that kept the number 1.2 (published in v1.3, 2024) allows any stanza error, which SHOULD be <item-not-found/>, or an IQ-result containing an empty <vCard/>',
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
  keyword: 'MUST',
  quote: 'If no vCard exists or the user does not exist, the server MUST return a <service-unavailable/> error.',
  changed: 'an edit of 2008-11-05 that kept the number 1.2 allowed <service-unavailable/> or <item-not-found/> (the same in both cases); v1.3 (2024) requires <service-unavailable/> again',
};

/** XEP-0054 §3: retrieving and updating one's own vCard, and viewing another user's. */
export default defineCases({ spec: 'xep-0054', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0054-3.1-1',
    cite: { '1.1': { absent: "v1.1 §3.1 says nothing of an account without a vCard ('The server should then return the vCard', lower case)", later: { doc: 'XEP-0054', version: '1.2', ...NO_VCARD } }, '1.2': NO_VCARD },
    requirement: "A get for one's own vCard when none exists gives an <item-not-found/> error (v1.2 as published; a later edit also allows a result with an empty <vCard/>).",
    accounts: 1,
    freshAccounts: true,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const response = await vcardGet(s);
      const card = vcardOf(response);
      if (card && card.getChildElements().length > 0) return t.skip(`the account already has a vCard, so "none exists" cannot be arranged: ${describe(card)}`, 'not-run');
      if (response.attrs.type === 'result') {
        // vcard-temp has no delete: on a given account, an empty vCard stored by an earlier
        // clean-up answers just like this (a throw-away account has no such past)
        if (!t.freshAccounts) return t.skip('the account answers with an empty <vCard/>, which may be one stored earlier: "none exists" cannot be told apart from a stored empty vCard', 'not-run');
        t.note('an edit of 2008-11-05 that kept the number 1.2 (v1.3, 2024) allows this IQ-result with an empty <vCard/>; v1.2 as published does not');
        t.check(false, 'an <item-not-found/> error for an account without a vCard', response);
        return;
      }
      const error = t.expectError(response, ['item-not-found']);
      t.outcome(`an error <${error?.condition ?? '?'}/>`);
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
        quote: "If a user attempts to perform an IQ set on another user's vCard, the server MUST return a 403 \"Forbidden\" error.",
        changed: 'v1.2 names the error <forbidden/>',
      },
      '1.2': {
        section: '3.2',
        keyword: 'MUST',
        quote: "If a user attempts to perform an IQ set on another user's vCard (i.e., by setting a 'to' address to a JID other than the sending user's bare JID), the server MUST return a <forbidden/> error.",
        changed: 'an edit of 2008-11-05 that kept the number 1.2 (published in v1.3, 2024) allows any stanza error, which SHOULD be <forbidden/> or <not-allowed/>',
      },
    },
    requirement: "A vCard set addressed to another user's JID is refused with a <forbidden/> error (v1.1: 403 \"Forbidden\"), and B's vCard is left as it was.",
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
      if (stanzaError(response)?.condition === 'not-allowed') t.note('an edit of 2008-11-05 that kept the number 1.2 (v1.3, 2024) also allows <not-allowed/>; v1.1 and v1.2 as published ask for <forbidden/>');
      // v1.1's 403 "Forbidden" is the condition <forbidden/> (XEP-0086)
      const error = t.expectError(response, ['forbidden']);
      t.outcome(`refused with <${error?.condition ?? '?'}/>`);
      const after = vcardOf(await vcardGet(s, b!.jid));
      t.check(after?.getChildText('FN') !== marker, `${b!.jid}'s vCard without the refused FN`, after ?? 'no vCard');
    },
  },
  {
    id: 'XEP0054-3.3-1',
    cite: {
      '1.1': {
        section: '3.3',
        keyword: 'MUST',
        quote: "A compliant server MUST return the vCard to the requestor and not forward the IQ to the requestee's connected resource.",
      },
      '1.2': {
        section: '3.3',
        keyword: 'MUST',
        quote: "In accordance with XMPP Core, a compliant server MUST respond on behalf of the requestor and not forward the IQ to the requestee's connected resource.",
      },
    },
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
    requirement: 'A get for the vCard of a user without one and a get for the vCard of a user that does not exist both give <service-unavailable/> (v1.2 as published; an edit of 2008-11-05 allowed <item-not-found/> too, the same in both).',
    accounts: 2,
    freshAccounts: true,
    async run(t) {
      const [a, c] = t.accounts;
      const contact = await t.login(c!);
      const own = vcardOf(await t.setup(`read ${c!.jid}'s own vCard`, () => vcardGet(contact)));
      if (own?.getChildElements().length) return t.skip(`${c!.jid} has a vCard, so "no vCard" cannot be arranged`, 'not-run');
      const s = await t.login(a!);
      const noUser = await vcardGet(s, `nouser-${token()}@${t.domain}`);
      const noVCard = await vcardGet(s, c!.jid);
      if (own && noVCard.attrs.type === 'result' && !t.freshAccounts) {
        // vcard-temp has no delete: on a given account, an empty vCard stored by an earlier
        // clean-up looks just like this (a throw-away account has no such past)
        return t.skip(`${c!.jid} may hold an empty vCard (its own get returns an empty <vCard/>, and so does this one), so "no vCard" cannot be told apart from a stored empty one`, 'not-run');
      }
      const seen = [stanzaError(noVCard)?.condition, stanzaError(noUser)?.condition];
      t.outcome(`<${seen[0] ?? noVCard.attrs.type}/> for a user without a vCard, <${seen[1] ?? noUser.attrs.type}/> for no such user`);
      if (seen.every((c) => c === 'item-not-found')) t.note('an edit of 2008-11-05 that kept the number 1.2 allowed <item-not-found/> in both cases; v1.2 as published and v1.3 (2024) ask for <service-unavailable/>');
      t.expectError(noVCard, ['service-unavailable']);
      t.expectError(noUser, ['service-unavailable']);
    },
  },
]);
