import { type Citation, defineCases, NS, presence } from '../../../src/authoring.js';
import { capsHash, illFormedCaps } from '../../lib/caps.js';
import { clientDisco, clientPresence, isBroadcast } from '../../lib/client.js';

/*
 * The levels cite four versions: v1.2 (basic-im-suite), v1.3 (basic-client, intermediate-client),
 * v1.4 (intermediate-im-suite) and v1.5 (core-client, advanced-client). Before v1.4 'ver' was
 * the software's version; v1.4 hashed category/type and features; v1.5 brought the verification
 * string (names, languages, forms) and the 'hash' attribute. A case body cannot tell which
 * version it is judged by: where the versions differ, each entry says what its text says, and a
 * case whose rule a version lacks is not applicable there (for information where v1.5 has it).
 */

/** A v1.5 citation as the later text of an entry for an earlier version. */
function v15(c: Citation): Citation & { doc: string; version: string } {
  return { ...c, doc: 'XEP-0115', version: '1.5' };
}

/** XEP-0115 v1.5 §5.1: the verification string. */
const V15_VERIFICATION: Citation = {
  section: '5.1',
  anchor: 'ver-gen',
  keyword: 'MUST',
  quote: 'In order to help prevent poisoning of entity capabilities information, the value of the verification string MUST be generated according to the following method.',
};

/** XEP-0115 v1.5 §13: 'hash' marks the current format. */
const V15_HASH: Citation = {
  section: '13',
  anchor: 'legacy',
  keyword: 'REQUIRED',
  quote: "An application can determine if the legacy format is in use by checking for the presence of the 'hash' attribute, which is REQUIRED in the current format.",
};

/** XEP-0115 v1.5 §7: the caps feature in disco#info. */
const V15_SUPPORT: Citation = {
  section: '7',
  anchor: 'support',
  keyword: 'MUST',
  quote: "If an entity supports the entity capabilities protocol, it MUST advertise that fact by returning a feature of 'http://jabber.org/protocol/caps' in response to a service discovery information request.",
};

/** XEP-0115 v1.5 §4: the form of 'node'. */
const V15_NODE: Citation = {
  section: '4',
  anchor: 'protocol',
  keyword: 'RECOMMENDED',
  quote: "It is RECOMMENDED for the value of the 'node' attribute to be an HTTP URL at which a user could find further information about the software product, such as \"http://psi-im.org\" for the Psi client; …",
};

/** v1.2 and v1.3 §4.1: caps with every presence change (their wording is the same). */
const LEGACY_EVERY_PRESENCE: Citation = {
  section: '4.1',
  anchor: 'advertise',
  keyword: 'MUST',
  quote: 'Unless the server optimizations shown later are being used, the client MUST send this with every presence change (except for unavailable presence) to enable existing servers to remember the last presence for use in responding to probes.',
};

/** v1.4 §6.1: a SHOULD where v1.2/v1.3 §4.1 said MUST. */
const V14_EVERY_PRESENCE: Citation = {
  section: '6.1',
  anchor: 'advertise',
  keyword: 'SHOULD',
  quote: 'In order that servers can remember the last presence for use in responding to probes, the client SHOULD include entity capabilities with every presence change.',
};

/** v1.5 §6.1. */
const V15_EVERY_PRESENCE: Citation = {
  section: '6.1',
  anchor: 'advertise',
  keyword: 'SHOULD',
  quote: 'So that servers can remember the last presence for use in responding to probes, a client SHOULD include entity capabilities with every presence notification it sends.',
};

/** XEP-0115 §4–9, client side: the caps a client announces, and the disco#info they hash. */
export default defineCases({ spec: 'xep-0115', role: 'client' }, [
  {
    id: 'XEP0115-4-1',
    cite: {
      '1.2': { ...LEGACY_EVERY_PRESENCE, quote: "Unless the server optimizations shown later are being used, the client MUST send this with every presence change (except for unavailable presence) … The client MUST send the 'node' and 'ver' attributes." },
      '1.3': { ...LEGACY_EVERY_PRESENCE, quote: "Unless the server optimizations shown later are being used, the client MUST send this with every presence change (except for unavailable presence) … The client MUST send the 'node' and 'ver' attributes." },
      // v1.4 and v1.5 make the attributes REQUIRED (§4) but the annotation itself a SHOULD: the
      // case judges both at the SHOULD, never stronger than the text
      '1.4': V14_EVERY_PRESENCE,
      '1.5': V15_EVERY_PRESENCE,
    },
    requirement: "The client's presence carries <c xmlns='http://jabber.org/protocol/caps'/> with 'node' and 'ver' ('hash', required from v1.5, is XEP0115-9.1-1's).",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      t.check(c !== undefined, 'a <c/> caps element in the presence', clientPresence(t));
      t.check(Boolean(c?.attrs.node && c.attrs.ver), "the attributes 'node' and 'ver'", c);
    },
  },
  {
    id: 'XEP0115-4-2',
    cite: {
      '1.2': { absent: "v1.2 gives 'node' no form (its examples use a URL)", later: v15(V15_NODE) },
      '1.3': { absent: "v1.3 gives 'node' no form (its examples use a URL)", later: v15(V15_NODE) },
      '1.4': {
        section: '4',
        anchor: 'protocol',
        keyword: 'RECOMMENDED',
        quote: 'It is RECOMMENDED for the value to identify both the software product and the released version in the form "ProductURL#Version", such as "http://psi-im.org/#0.11".',
        changed: "v1.5 §4 recommends an HTTP URL for the product, without the version",
      },
      '1.5': V15_NODE,
    },
    requirement: "'node' is an HTTP URL for the software (v1.4 adds '#' and the version; that part is not checked).",
    async run(t) {
      const node = clientPresence(t).getChild('c', NS.caps)?.attrs.node;
      if (!node) return t.skip('no caps node in the presence (see XEP0115-4-1)', 'not-applicable');
      const url = URL.canParse(node) ? new URL(node) : undefined;
      t.check(url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:'), `'${node}' an HTTP URL`, node);
    },
  },
  {
    id: 'XEP0115-9.1-1',
    cite: {
      '1.2': { absent: "v1.2 has no 'hash' attribute: 'ver' names the software's version (§4.1)", later: v15(V15_HASH) },
      '1.3': { absent: "v1.3 has no 'hash' attribute: 'ver' names the software's version (§4.1)", later: v15(V15_HASH) },
      '1.4': { absent: "v1.4 §4 makes 'hash' OPTIONAL, defaulting to sha-1", later: v15(V15_HASH) },
      '1.5': V15_HASH,
    },
    requirement: "The caps name their hash function in 'hash' (REQUIRED in the v1.5 format); SHA-1 is the mandatory-to-implement one (§9.1), other functions are noted.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c) return t.skip('no caps in the presence (see XEP0115-4-1)', 'not-applicable');
      t.check(c.attrs.hash !== undefined, "a 'hash' attribute on the <c/>", c);
      if (c.attrs.hash !== 'sha-1') t.note(`hash='${c.attrs.hash}': not SHA-1, so the client's support of the mandatory SHA-1 (§9.1) is not observable here`);
      t.outcome(`hash='${c.attrs.hash}'`);
    },
  },
  {
    id: 'XEP0115-6.2-1',
    cite: {
      '1.2': {
        section: '4.2',
        anchor: 'discover',
        keyword: 'MUST',
        quote: 'Note: The set of features that a given entity advertises in response to a "client#version" request and all "client#extension" requests MUST be equivalent to the response it gives to a disco#info request with no \'node\' attribute',
      },
      '1.3': {
        section: '4.2',
        anchor: 'discover',
        keyword: 'MUST',
        quote: 'Note: The set of features that a given entity advertises in response to a "client#version" request and all "client#extension" requests MUST be equivalent to the response it gives to a disco#info request with no \'node\' attribute',
      },
      '1.4': { absent: "v1.4 §6.2 discovers capabilities with a disco#info request that has no node; the node#ver request is the legacy format of v1.3" },
      '1.5': { absent: "v1.5 §6.2 has the generating entity return its capabilities to the node#ver request without a keyword; the node's echo is XEP-0030's (XEP0030-3.2-2), the hash's check XEP0115-5.1-1" },
    },
    requirement: "The client answers disco#info for 'node#ver' (and each 'node#ext') with a result whose features together are those of its disco#info without a node.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c?.attrs.node || !c.attrs.ver) return t.skip('no caps node and ver in the presence (see XEP0115-4-1)', 'not-applicable');
      const node = `${c.attrs.node}#${c.attrs.ver}`;
      const info = await clientDisco(t, node);
      t.check(info.ok, `a disco#info result for ${node}`, info.response);
      const features = new Set(info.features);
      for (const ext of (c.attrs.ext ?? '').split(' ').filter(Boolean)) {
        const bundle = await clientDisco(t, `${c.attrs.node}#${ext}`);
        t.check(bundle.ok, `a disco#info result for ${c.attrs.node}#${ext}`, bundle.response);
        for (const f of bundle.features) features.add(f);
      }
      const plain = await t.setup('ask the client for disco#info without a node', async () => {
        const answer = await clientDisco(t);
        if (!answer.ok) throw new Error(`the client answered ${answer.response.toString().slice(0, 200)} (see XEP0030-3.1-5)`);
        return new Set(answer.features);
      });
      const missing = [...plain].filter((f) => !features.has(f));
      const extra = [...features].filter((f) => !plain.has(f));
      t.check(missing.length === 0 && extra.length === 0, `the features of the node#ver${c.attrs.ext ? ' and node#ext' : ''} answers equal to those of disco#info without a node`,
        `${missing.length ? `missing ${missing.join(' ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `extra ${extra.join(' ')}` : ''}`);
    },
  },
  {
    id: 'XEP0115-5.1-1',
    cite: {
      '1.2': { absent: "'ver' is the software's version in v1.2 (§4.1), not a hash", later: v15(V15_VERIFICATION) },
      '1.3': { absent: "'ver' is the software's version in v1.3 (§4.1), not a hash", later: v15(V15_VERIFICATION) },
      '1.4': { absent: 'v1.4 §5 hashes category/type and features only (no names, languages or forms): the v1.5 verification string this case recomputes is not in v1.4', later: v15(V15_VERIFICATION) },
      '1.5': V15_VERIFICATION,
    },
    requirement: "'ver' is the base64 hash (the function 'hash' names) of the verification string built from the client's own disco#info: identities, features, XEP-0128 forms.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c?.attrs.ver) return t.skip('no caps ver in the presence (see XEP0115-4-1)', 'not-applicable');
      if (!c.attrs.hash) return t.skip("no 'hash': the legacy format, whose 'ver' is not a hash (see XEP0115-9.1-1)", 'not-applicable');
      if (capsHash(c.attrs.hash, [], []) === undefined) return t.skip(`hash='${c.attrs.hash}' is a function the tool cannot compute`, 'not-applicable');
      // the verifier's request (v1.5 §6.2, §5.4): to the caps node; the node-less answer hashes the same
      let info = await clientDisco(t, c.attrs.node ? `${c.attrs.node}#${c.attrs.ver}` : undefined);
      if (!info.ok && c.attrs.node) {
        t.note('no disco#info result for the caps node (see XEP0115-6.2-1): hashing the answer without a node');
        info = await clientDisco(t);
      }
      if (!info.ok) return t.skip('the client answered disco#info with an error: nothing to hash (see XEP0030-3.1-5)', 'unproven');
      const problem = illFormedCaps(info.identities, info.features, info.forms);
      if (problem) t.note(`the disco#info result is ill-formed for caps (v1.5 §5.4): ${problem}`);
      const computed = capsHash(c.attrs.hash, info.identities, info.features, info.forms)!;
      t.note(`ver announced ${c.attrs.ver}; computed from disco#info with ${c.attrs.hash}: ${computed}`);
      t.check(computed === c.attrs.ver, `ver '${c.attrs.ver}' equal to the hash of the disco#info result`, `computed '${computed}' (${c.attrs.hash})`);
    },
  },
  {
    id: 'XEP0115-7-1',
    cite: {
      '1.2': { absent: 'v1.2 asks no client to list the caps feature (§5 has a server list it for caps optimisation)', later: v15(V15_SUPPORT) },
      '1.3': { absent: 'v1.3 asks no client to list the caps feature (§5 has a server list it for caps optimisation)', later: v15(V15_SUPPORT) },
      '1.4': { absent: 'v1.4 asks no client to list the caps feature (§7 has a server list it for caps optimisation)', later: v15(V15_SUPPORT) },
      '1.5': V15_SUPPORT,
    },
    requirement: 'The client lists http://jabber.org/protocol/caps among its disco features.',
    evidence: 'advertisement',
    async run(t) {
      const info = await clientDisco(t);
      t.check(info.features.includes(NS.caps), `the feature ${NS.caps}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0115-6.1-1',
    cite: {
      '1.2': LEGACY_EVERY_PRESENCE,
      '1.3': LEGACY_EVERY_PRESENCE,
      '1.4': V14_EVERY_PRESENCE,
      '1.5': V15_EVERY_PRESENCE,
    },
    requirement: 'Caps go on every presence broadcast, not only the first: a status change carries them too (unless the server optimises caps, which the tool as server does not offer).',
    async run(t) {
      const status = 'Away for a while';
      const sent = await t.act({ kind: 'change-status', show: 'away', status }, presence({ where: (el) => isBroadcast(t, el) && el.getChildText('show') === 'away' }, 'a presence broadcast with <show>away</show>'));
      const caps = sent.getChild('c', NS.caps) !== undefined;
      // a peer sees the presence as the client's server passes it on, and a server that
      // optimises caps (v1.2 §5, v1.5 §8.4) may strip a repeated <c/>
      if (!caps && t.client.mode === 'peer') return t.skip("no caps on the changed presence as the peer got it: the client's server may have stripped them (caps optimisation); only the client's server sees what it sent (--listen)", 'unproven');
      t.check(caps, 'caps on the changed presence too', sent);
    },
  },
]);
