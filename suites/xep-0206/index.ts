import type { Suite } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';
import wrapper from './2-body-wrapper.js';
import sessionRequest from './3-session-creation-request.js';
import sessionResponse from './4-session-creation-response.js';
import authentication from './5-authentication-and-binding.js';
import remoteStreamError from './6-remote-stream-error.js';
import recipientUnavailable from './7-recipient-unavailable.js';

/** XEP-0206 XMPP Over BOSH (v1.1), as the connection manager and server provide it. */
export const xep0206: Suite = {
  spec: 'xep-0206',
  role: 'server',
  // the XMPP binding is there when a session request with xmpp:version reaches an XMPP stream
  async probe(t) {
    const reply = await new RawBosh(t).create();
    const entity = `connection manager ${t.boshUrl}`;
    const xmpp = reply.attrs['xmpp:version'] !== undefined || reply.elements.some((el) => el.getName() === 'features');
    return reply.attrs.sid
      ? { supported: true, entity, detail: xmpp ? 'session created with an XMPP stream' : 'session created, but no sign of an XMPP stream yet' }
      : { supported: false, entity, detail: `no session: HTTP ${reply.http.status}` };
  },
  cases: [...wrapper, ...sessionRequest, ...sessionResponse, ...authentication, ...remoteStreamError, ...recipientUnavailable],
};
