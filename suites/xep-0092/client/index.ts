import { stanzaError, type Suite } from '../../../src/authoring.js';
import { askVersion } from '../software-version.js';
import protocol from './2-protocol.js';

/**
 * XEP-0092 Software Version for clients (informational). Its probe names the client's software
 * in the report header; a client may decline to say (XEP-0092 §2 lets it hide this).
 */
export const xep0092Client: Suite = {
  spec: 'xep-0092',
  role: 'client',
  identifiesTarget: true,
  async probe(t) {
    const answer = await askVersion(t.client, t.client.jid);
    const entity = `client ${t.client.jid}`;
    if (!answer.query) return { supported: false, entity, detail: `the version get was answered with an error <${stanzaError(answer.response)?.condition ?? '?'}/>` };
    const software = answer.name ? { name: answer.name, version: answer.version ?? '', os: answer.os } : undefined;
    return { supported: true, entity, detail: `the client says it is ${answer.name ?? '(no name)'} ${answer.version ?? '(no version)'}`, software };
  },
  cases: protocol,
};
