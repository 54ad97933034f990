import { bare, type CaseContext, defineCases, describe, type Element, iq, message, newId, NS, query, STANZA_TRANSPORTS, stanzaError, type StanzaError, token, x } from '../../src/authoring.js';

/**
 * The XEP-0086 §2 table: legacy code and error type for each condition. The types are those of
 * RFC 3920 §9.3.3; `rfc6120` lists the types RFC 6120 §8.3.3 gives where they differ.
 */
const MAPPINGS: Record<string, { code: string; type?: string; rfc6120?: string[] }> = {
  'bad-request': { code: '400', type: 'modify' },
  conflict: { code: '409', type: 'cancel' },
  // RFC 6120: "cancel" or "modify"
  'feature-not-implemented': { code: '501', type: 'cancel', rfc6120: ['modify'] },
  forbidden: { code: '403', type: 'auth' },
  gone: { code: '302', type: 'modify', rfc6120: ['cancel'] },
  'internal-server-error': { code: '500', type: 'wait', rfc6120: ['cancel'] },
  'item-not-found': { code: '404', type: 'cancel' },
  'jid-malformed': { code: '400', type: 'modify' },
  'not-acceptable': { code: '406', type: 'modify' },
  'not-allowed': { code: '405', type: 'cancel' },
  'not-authorized': { code: '401', type: 'auth' },
  'payment-required': { code: '402', type: 'auth' },
  'recipient-unavailable': { code: '404', type: 'wait' },
  redirect: { code: '302', type: 'modify' },
  'registration-required': { code: '407', type: 'auth' },
  'remote-server-not-found': { code: '404', type: 'cancel' },
  'remote-server-timeout': { code: '504', type: 'wait' },
  'resource-constraint': { code: '500', type: 'wait' },
  'service-unavailable': { code: '503', type: 'cancel' },
  'subscription-required': { code: '407', type: 'auth' },
  // any type goes with undefined-condition
  'undefined-condition': { code: '500' },
  // RFC 6120: "wait" or "modify"
  'unexpected-request': { code: '400', type: 'wait', rfc6120: ['modify'] },
};

/** One stanza error the server sent in answer to something we provoked. */
interface Collected {
  what: string;
  stanza: Element;
  error: StanzaError;
}

/**
 * Provokes stanza errors of several conditions from the server (unknown namespace, two
 * payloads, a missing roster item, an unknown node, a malformed JID, …) and collects every error
 * that comes back. Which condition each one gets is the business of other specs; here only the
 * legacy code and the type matter.
 */
async function provokeErrors(t: CaseContext): Promise<Collected[]> {
  const [a, b] = t.accounts;
  const s = await t.login(a!);
  const other = b!.jid;
  const own = bare(s.jid!);
  const iqs: [string, Element][] = [
    [`a get in an unknown namespace to server ${t.domain}`, iq('get', { to: t.domain }, query(`urn:example:certify:${token(3)}`))],
    [`a get with two payloads to server ${t.domain}`, iq('get', { to: t.domain }, query(NS.discoInfo), query(NS.version))],
    [`a roster remove of an item not in the roster of ${own}`, iq('set', {}, query(NS.roster, {}, x('item', { jid: `nobody-${token()}@${t.domain}`, subscription: 'remove' })))],
    [`disco#info for an unknown node of server ${t.domain}`, iq('get', { to: t.domain }, query(NS.discoInfo, { node: `certify-${token()}` }))],
    [`a disco#info set to server ${t.domain}`, iq('set', { to: t.domain }, query(NS.discoInfo))],
    // a get: a server that wrongly allowed it changes nothing
    [`a roster get addressed to another account's bare JID ${other}`, iq('get', { to: other }, query(NS.roster))],
  ];
  const collected: Collected[] = [];
  const keep = (what: string, stanza: Element | undefined): void => {
    const error = stanza?.attrs.type === 'error' ? stanzaError(stanza) : undefined;
    if (stanza && error) collected.push({ what, stanza, error });
    else t.note(`${what}: ${stanza ? `no error: ${describe(stanza, 200)}` : 'no error came back'}`);
  };
  await t.setup('provoke stanza errors', async () => {
    for (const [what, request] of iqs) keep(what, await s.iq(request));
    const malformed = `x@@${t.domain}`;
    const id = newId('m');
    s.send(x('message', { to: malformed, id, type: 'chat' }, x('body', {}, 'certify')));
    // the server answers a bad address while routing, before it answers the ping
    await s.sync();
    keep(`a message to the malformed JID ${malformed}`, s.received(message({ type: 'error', id }))[0]);
    if (collected.length === 0) throw new Error('the server answered none of the provocations with a stanza error');
  });
  for (const c of collected) t.note(`${c.what}: <${c.error.condition ?? '?'}/> type='${c.error.type ?? ''}' code='${c.error.code ?? ''}' from ${c.stanza.attrs.from ?? '(no from)'}`);
  return collected;
}

const listing = (items: Collected[]): string => items.map((c) => `${c.what}: <${c.error.condition}/> type='${c.error.type ?? ''}' code='${c.error.code ?? ''}'`).join('; ');

/** XEP-0086 §2: legacy error codes and types on the stanza errors the server sends. */
export default defineCases({ spec: 'xep-0086', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0086-2-1',
    // XEP-0086 itself says "should" in lower case: the suites that name it make it RECOMMENDED
    cite: {
      doc: 'XEP-0073',
      version: '1.1',
      section: '3',
      anchor: 'def',
      keyword: 'RECOMMENDED',
      quote: "In addition, support for the error 'code' attribute specified in Error Condition Mappings (XEP-0086) is RECOMMENDED for both clients and servers.",
    },
    requirement: 'Stanza errors from the server carry a legacy numeric code beside the XMPP condition.',
    accounts: 2,
    async run(t) {
      const errors = await provokeErrors(t);
      const missing = errors.filter((c) => !c.error.code);
      t.check(missing.length === 0, `a code attribute on all ${errors.length} stanza errors`, `${missing.length} without one: ${listing(missing)}`);
    },
  },
  {
    id: 'XEP0086-2-2',
    // the "(table)" row: the code the suites recommend is the one "specified in" XEP-0086's table
    cite: {
      doc: 'XEP-0073',
      version: '1.1',
      section: '3',
      anchor: 'def',
      keyword: 'RECOMMENDED',
      quote: "In addition, support for the error 'code' attribute specified in Error Condition Mappings (XEP-0086) is RECOMMENDED for both clients and servers.",
    },
    requirement: 'The legacy code matches the XEP-0086 table for the condition sent.',
    accounts: 2,
    async run(t) {
      const coded = (await provokeErrors(t)).filter((c) => c.error.code);
      if (coded.length === 0) return t.skip('no stanza error carried a code to compare (see XEP0086-2-1)');
      const unmapped = coded.filter((c) => !MAPPINGS[c.error.condition ?? '']);
      if (unmapped.length) t.note(`conditions the table does not map: ${listing(unmapped)}`);
      const errors = coded.filter((c) => MAPPINGS[c.error.condition ?? '']);
      if (errors.length === 0) return t.skip(`no coded stanza error had a condition the table maps: ${listing(unmapped)}`);
      const wrong = errors.filter((c) => MAPPINGS[c.error.condition!]!.code !== c.error.code);
      t.check(wrong.length === 0, `the code of the table for every condition (${errors.length} compared)`, listing(wrong));
    },
  },
  {
    id: 'XEP0086-2-3',
    // the table's "XMPP error type" column has no keyword in XEP-0086; it restates RFC 3920 §9.3.3,
    // whose SHOULD is what a type is judged by
    cite: {
      doc: 'RFC 3920',
      section: '9.3.3',
      keyword: 'SHOULD',
      quote: '<bad-request/> -- the sender has sent XML that is malformed or that cannot be processed …; the associated error type SHOULD be "modify".',
      changed: 'RFC 6120 §8.3.3 gives other types for feature-not-implemented, gone, internal-server-error and unexpected-request: accepted under --core 6120',
    },
    requirement: "The error type matches the table (RFC 3920 §9.3.3's type) for the condition; under --core 6120, RFC 6120's type where it differs is accepted too.",
    accounts: 2,
    async run(t) {
      const errors = (await provokeErrors(t)).filter((c) => MAPPINGS[c.error.condition ?? '']);
      if (errors.length === 0) return t.skip('no stanza error had a condition the table maps');
      const wrong: Collected[] = [];
      for (const c of errors) {
        const mapping = MAPPINGS[c.error.condition!]!;
        if (mapping.type === undefined || c.error.type === mapping.type) continue;
        // RFC 6120 changed a few types: a server written to it is right under that baseline,
        // and the choice is recorded; under RFC 3920 the table's (RFC 3920's) type rules
        const rfc6120Type = c.error.type !== undefined && mapping.rfc6120?.includes(c.error.type);
        if (rfc6120Type && t.baseline === '6120') t.outcome(`<${c.error.condition}/> with type '${c.error.type}' (RFC 6120 §8.3.3), not '${mapping.type}' (XEP-0086, RFC 3920)`);
        else wrong.push(c);
      }
      const expected = t.baseline === '6120' ? 'the type of the table (or of RFC 6120 §8.3.3) for every condition' : 'the type of the table (RFC 3920 §9.3.3) for every condition';
      t.check(wrong.length === 0, `${expected} (${errors.length} compared)`, listing(wrong));
    },
  },
]);
