import { fetchHostMeta, HttpFailure, parseXrd, type Suite, ToolError, xmppLinks } from '../../src/authoring.js';
import businessRules from './2.2-business-rules.js';
import implementationNotes from './3-implementation-notes.js';
import security from './4-security.js';

/** Node's codes for a certificate that did not verify: the tool cannot judge what it cannot trust. */
const UNTRUSTED = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** XEP-0156 Discovering Alternative XMPP Connection Methods (v1.4.0): host-meta over HTTPS. */
export const xep0156: Suite = {
  spec: 'xep-0156',
  role: 'server',
  // there when the domain's host-meta is an XRD naming at least one XMPP connection method
  async probe(t) {
    const entity = `host-meta ${t.hostMetaUrl}`;
    let text: string;
    try {
      const reply = await fetchHostMeta(t.hostMetaUrl, t.target.tls, t.stepMs);
      if (reply.status !== 200) return { supported: false, entity, detail: `HTTP ${reply.status}` };
      text = reply.body.toString('utf8');
    } catch (err) {
      if (err instanceof HttpFailure && err.code && UNTRUSTED.test(err.code)) throw new ToolError(`${err.message} (trust its CA with --ca, or pass --insecure-tls)`);
      if (err instanceof HttpFailure) return { supported: false, entity, detail: err.message };
      throw err;
    }
    const parsed = parseXrd(text);
    if ('problem' in parsed) return { supported: false, entity, detail: `not an XRD: ${parsed.problem}` };
    const links = xmppLinks(parsed.links);
    return links.length
      ? { supported: true, entity, detail: `links to ${links.map((l) => l.href).join(', ')}` }
      : { supported: false, entity, detail: 'an XRD without urn:xmpp:alt-connections links' };
  },
  cases: [...businessRules, ...implementationNotes, ...security],
};
