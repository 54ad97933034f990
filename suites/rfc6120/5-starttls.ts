import { type CaseContext, chooseMechanism, defineCases, ExpectationError, NS, SaslFailure, type Session } from '../../src/authoring.js';
import { clearStream, credentials, unknownCredentials } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding } from '../lib/streams.js';
import { handshake, offeringStarttls, requestTls, starttlsOffer } from './starttls.js';

/**
 * Whether the server insists on TLS before authentication: it offers no SASL mechanism in the
 * clear, or refuses an attempt with made-up credentials (which reveal nothing) for want of TLS.
 */
async function tlsIsMandatory(t: CaseContext, s: Session): Promise<{ mandatory: boolean; why: string }> {
  const offered = s.mechanisms;
  if (offered.length === 0) return { mandatory: true, why: 'no SASL mechanism is offered before TLS' };
  const mechanism = chooseMechanism(offered);
  if (!mechanism) t.skip(`cannot tell whether TLS is mandatory: the mechanisms offered in the clear [${offered.join(', ')}] are none the tool speaks`);
  try {
    await s.authenticate(unknownCredentials(t), mechanism);
    return { mandatory: false, why: `${mechanism} with made-up credentials succeeded in the clear` };
  } catch (err) {
    if (err instanceof SaslFailure && err.condition === 'not-authorized') return { mandatory: false, why: `${mechanism} with unknown credentials was judged in the clear (<not-authorized/>)` };
    if (err instanceof SaslFailure && err.condition === 'encryption-required') return { mandatory: true, why: `${mechanism} in the clear was refused with <encryption-required/>` };
    if (err instanceof ExpectationError && s.streamError) return { mandatory: true, why: `${mechanism} in the clear ended the stream` };
    t.skip(`cannot tell whether TLS is mandatory: ${mechanism} with unknown credentials in the clear ended in ${(err as Error).message}`);
  }
}

/** RFC 6120 §5 (RFC 3920 §5): STARTTLS negotiation. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-5.2-1',
    cite: {
      '3920': {
        section: '5.1',
        keyword: 'MUST',
        quote: 'When a receiving entity that complies with this specification receives an initial stream header that includes the \'version\' attribute set to a value of at least "1.0", after sending a stream header in reply (including the version flag), it MUST include a <starttls/> element … along with the list of other stream features it supports.',
      },
      '6120': {
        section: '5.2',
        keyword: 'REQUIRED',
        quote: 'Support for STARTTLS is REQUIRED in XMPP client and server implementations.',
      },
    },
    requirement: 'The server supports STARTTLS: <starttls/> is offered in the first stream features.',
    async run(t) {
      const s = await clearStream(t);
      t.check(starttlsOffer(s) !== undefined, `<starttls xmlns='${NS.tls}'/> in the first features`, s.features!);
    },
  },
  {
    id: 'RFC6120-5.3.1-1',
    cite: {
      '3920': {
        section: '5.2',
        keyword: 'SHOULD',
        quote: 'The receiving entity offers the STARTTLS extension to the initiating entity by including it with the list of other supported stream features (if TLS is required for interaction with the receiving entity, it SHOULD signal that fact by including a <required/> element as a child of the <starttls/> element).',
        changed: 'RFC 6120 §5.4.1: MUST',
      },
      '6120': {
        section: '5.4.1',
        keyword: 'MUST',
        quote: 'If the receiving entity considers STARTTLS negotiation to be mandatory-to-negotiate, the <starttls/> element MUST contain an empty <required/> child element.',
      },
    },
    requirement: 'A server that insists on TLS flags it with <required/> in the STARTTLS feature (RFC 6120: and one that flags it does insist on it, §5.3.1).',
    async run(t) {
      const s = await offeringStarttls(t);
      const required = starttlsOffer(s)!.getChild('required') !== undefined;
      const policy = await tlsIsMandatory(t, s);
      t.outcome(`TLS is ${policy.mandatory ? 'mandatory' : 'optional'} (${policy.why}); <required/> ${required ? 'present' : 'absent'}`);
      if (policy.mandatory) {
        t.check(required, '<required/> in the <starttls/> feature of a server that insists on TLS', starttlsOffer(s)!);
        return;
      }
      // RFC 6120 §5.3.1: "if the receiving entity includes the <required/> child element …, the
      // parties MUST consider TLS as mandatory-to-negotiate"; RFC 3920 says nothing of this side
      if (t.baseline === '6120') {
        t.must(!required, 'no <required/> on a server that authenticates without TLS (RFC 6120 §5.3.1: <required/> makes TLS mandatory-to-negotiate)', starttlsOffer(s)!);
      } else if (required) {
        t.note('<required/> is offered although authentication works without TLS');
      }
    },
  },
  {
    id: 'RFC6120-5.4.2.3-1',
    cite: {
      '3920': {
        section: '5.2',
        keyword: 'MUST',
        quote: "The receiving entity MUST reply with either a <proceed/> element or a <failure/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-tls' namespace.",
      },
      '6120': {
        section: '5.4.2.1',
        keyword: 'MUST',
        quote: "The receiving entity MUST reply with either a <proceed/> element (proceed case) or a <failure/> element (failure case) qualified by the 'urn:ietf:params:xml:ns:xmpp-tls' namespace.",
      },
    },
    requirement: '<starttls/> is answered with <proceed/>, after which the TLS handshake succeeds on the same connection, or with <failure/>, after which the stream and the connection end.',
    async run(t) {
      const s = await offeringStarttls(t);
      const answer = await requestTls(s);
      t.check(answer.getName() === 'proceed' || answer.getName() === 'failure', '<proceed/> or <failure/> in answer to <starttls/>', answer);
      if (answer.getName() === 'failure') {
        t.outcome('STARTTLS refused with <failure/>');
        // RFC 3920 §5.2, RFC 6120 §5.4.2.2: "close the XML stream, and terminate the underlying TCP connection"
        const ending = await awaitStreamEnd(s);
        t.check(ending.closedStream && ending.closedConnection, 'the stream closed and the connection terminated after <failure/>', describeEnding(ending));
        return;
      }
      try {
        const info = await handshake(s);
        t.outcome(`<proceed/>, then ${info.protocol} with ${info.cipher}`);
      } catch (err) {
        t.check(false, 'a TLS handshake on the same connection after <proceed/>', (err as Error).message);
      }
    },
  },
  {
    id: 'RFC6120-5.4.3.3-1',
    cite: {
      '3920': {
        section: '5.1',
        keyword: 'MUST NOT',
        quote: 'If the TLS negotiation is successful, the receiving entity MUST NOT offer the STARTTLS extension to the initiating entity along with the other stream features that are offered when the stream is restarted.',
      },
      '6120': {
        section: '5.4.3.3',
        keyword: 'MUST NOT',
        quote: 'The receiving entity also MUST send stream features to the initiating entity, which MUST NOT include the STARTTLS feature but which SHOULD include the SASL stream feature as described under Section 6 …',
      },
    },
    requirement: 'The stream features after TLS no longer offer STARTTLS.',
    async run(t) {
      const s = await t.secureStream();
      if (!s.tlsInfo) t.skip('the server does not offer STARTTLS (see RFC6120-5.2-1)');
      t.check(starttlsOffer(s) === undefined, 'no <starttls/> in the features after TLS', s.features!);
    },
  },
  {
    id: 'RFC6120-5.3.4-1',
    cite: {
      '3920': {
        section: '6.2',
        keyword: 'MUST',
        quote: 'Upon receiving the new stream header from the initiating entity, the receiving entity MUST respond by sending a new XML stream header to the initiating entity, along with any available features (but not including the STARTTLS and SASL features) or an empty <features/> element …',
      },
      '6120': {
        section: '13.3',
        keyword: 'MUST',
        quote: 'The order of layers in which protocols MUST be stacked is as follows: 1. TCP 2. TLS 3. SASL 4. XMPP',
      },
    },
    requirement: 'TLS comes before SASL: a server that lets a client authenticate before TLS does not offer STARTTLS once SASL has succeeded.',
    accounts: 1,
    async run(t) {
      const s = await clearStream(t);
      if (!starttlsOffer(s)) t.skip('the server does not offer STARTTLS (see RFC6120-5.2-1)');
      // SCRAM and DIGEST-MD5 never put the password on the wire; PLAIN is not sent in the clear
      const inClear = chooseMechanism(s.mechanisms.filter((m) => m !== 'PLAIN'));
      if (!inClear) {
        t.skip(s.mechanisms.length === 0
          ? 'no SASL mechanism is offered before TLS: SASL can only follow TLS here'
          : `the mechanisms offered before TLS [${s.mechanisms.join(', ')}] are none the tool uses in the clear`);
      }
      await t.setup(`authenticate as ${t.accounts[0]!.jid} in the clear with ${inClear}`, () => s.authenticate(credentials(t.accounts[0]!), inClear));
      t.outcome(`authenticated in the clear with ${inClear}`);
      t.check(starttlsOffer(s) === undefined, 'no <starttls/> in the features after SASL', s.features!);
    },
  },
]);
