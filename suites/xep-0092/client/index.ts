import { defineCases, stanzaError, type Suite } from '../../../src/authoring.js';
import { NAME_AND_VERSION } from '../2-protocol.js';
import { askVersion } from '../software-version.js';

/**
 * XEP-0092 Software Version for clients (informational). The probe's facts name the client's
 * software in the report header; a client may decline to say (XEP-0092 §2 lets it hide this).
 */
export const xep0092Client: Suite = {
  spec: 'xep-0092',
  role: 'client',
  identifiesTarget: true,
  async probe(t) {
    const answer = await askVersion(t.client, t.client.jid);
    const entity = `client ${t.client.jid}`;
    if (!answer.query) return { supported: false, entity, detail: `the version get was answered with an error <${stanzaError(answer.response)?.condition ?? '?'}/>` };
    const facts: Record<string, string> = {};
    if (answer.name) facts.name = answer.name;
    if (answer.version) facts.version = answer.version;
    if (answer.os) facts.os = answer.os;
    return { supported: true, entity, detail: `the client says it is ${answer.name ?? '(no name)'} ${answer.version ?? '(no version)'}`, facts };
  },
  cases: defineCases({ spec: 'xep-0092', role: 'client' }, [
    {
      id: 'XEP0092-2-4',
      cite: { section: '2', anchor: 'protocol', keyword: 'REQUIRED', quote: NAME_AND_VERSION },
      requirement: 'A client that supports the protocol answers a version get with <name/> and <version/>.',
      async run(t) {
        const answer = await askVersion(t.client, t.client.jid);
        t.check(Boolean(answer.name), 'a non-empty <name/>', answer.response);
        t.check(Boolean(answer.version), 'a non-empty <version/>', answer.response);
      },
    },
  ]),
};
