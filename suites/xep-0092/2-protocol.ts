import { defineCases, STANZA_TRANSPORTS, stanzaError } from '../../src/authoring.js';
import { askVersion, NAME_AND_VERSION } from './software-version.js';


/** XEP-0092 v1.1 §2: the jabber:iq:version result, asked of the server domain. */
export default defineCases({ spec: 'xep-0092', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0092-2-1',
    cite: { section: '2', anchor: 'protocol', keyword: 'REQUIRED', quote: NAME_AND_VERSION },
    requirement: 'A version result holds <name/> and <version/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const answer = await askVersion(s, t.domain);
      t.check(answer.query !== undefined, `a jabber:iq:version result from server ${t.domain}`, answer.response);
      t.check(Boolean(answer.name), `a non-empty <name/> from server ${t.domain}`, answer.response);
      t.check(Boolean(answer.version), `a non-empty <version/> from server ${t.domain}`, answer.response);
      t.outcome(`server ${t.domain} runs ${answer.name} ${answer.version}`);
    },
  },
  {
    id: 'XEP0092-2-2',
    cite: {
      section: '2', anchor: 'protocol', keyword: 'OPTIONAL',
      quote: '<os/> -- The operating system of the queried entity. This element is OPTIONAL in a result (see also the Security Considerations).',
    },
    requirement: 'The <os/> element is optional in a result: whether the server gives it is recorded.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const answer = await askVersion(s, t.domain);
      if (!answer.query) return t.skip(`server ${t.domain} gave no version result to inspect (see XEP0092-2-1)`);
      const os = answer.query.getChild('os');
      t.outcome(os ? `server ${t.domain} gives its operating system: ${answer.os}` : `server ${t.domain} does not give its operating system`);
      // an <os/> that is there must say something: an empty one is neither shown nor hidden
      t.check(os === undefined || Boolean(answer.os), 'an <os/> with text, or none', answer.response);
    },
  },
  {
    id: 'XEP0092-2-3',
    cite: {
      doc: 'RFC 3920', section: '9.2.3', keyword: 'MUST',
      quote: 'An entity that receives an IQ request of type "get" or "set" MUST reply with an IQ response of type "result" or "error"',
      changed: 'XEP-0092 v1.1 §3 names service-unavailable without a keyword; RFC 6120 §8.4 makes <service-unavailable/> a MUST for an unsupported namespace',
    },
    requirement: 'A server without software version support answers the get with a well-formed error (which one is recorded), never with silence.',
    accounts: 1,
    // the requirement is on servers without the feature; the probe's verdict does not gate it
    needsSupport: false,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const answer = await askVersion(s, t.domain);
      if (answer.query) t.skip(`server ${t.domain} supports XEP-0092 (it answered with a result)`);
      t.outcome(`answered with <${stanzaError(answer.response)?.condition ?? '?'}/>`);
      t.expectError(answer.response, []);
    },
  },
]);
