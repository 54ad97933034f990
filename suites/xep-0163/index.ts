import { bare, stanzaError, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import publishing from './3-publishing-events.js';
import notifications from './4-receiving-notifications.js';
import defaults from './5-recommended-defaults.js';
import determiningSupport from './6-determining-support.js';
import { deferDelete, freshNode, hasPepIdentity, publish } from './pep.js';

/** XEP-0163 Personal Eventing Protocol, server side. */
export const xep0163: Suite = {
  spec: 'xep-0163',
  role: 'server',
  /**
   * Supported when a publish to a fresh node of the account's own PEP service succeeds. A server
   * that shows the pubsub/pep identity (where v1.0 §4 and v1.1 §6.1 put it) or an account that
   * does (where v1.2 does) counts as supporting PEP whatever the publish did: advertised and
   * broken is a failure of the cases, not an absent feature.
   */
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const account = bare(s.jid!);
    const advertised = hasPepIdentity((await discoInfo(s, account)).identities);
    const onServer = hasPepIdentity((await discoInfo(s, t.domain)).identities);
    const node = freshNode();
    deferDelete(t, s, node);
    const response = await publish(s, node, 'probe');
    const answer = response.attrs.type === 'result' ? 'a result' : `an error <${stanzaError(response)?.condition ?? '?'}/>`;
    return {
      supported: response.attrs.type === 'result' || advertised || onServer,
      advertised: advertised || onServer,
      entity: onServer && !advertised ? `server ${t.domain}` : `account ${account}`,
      detail: `a publish to ${node} on the account's own PEP service was answered with ${answer}; `
        + `pubsub/pep ${advertised ? 'shown' : 'not shown'} by the account, ${onServer ? 'shown' : 'not shown'} by the server ${t.domain}`,
    };
  },
  cases: [...publishing, ...notifications, ...defaults, ...determiningSupport],
};
