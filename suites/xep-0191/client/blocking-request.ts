import { iqStanza, NS } from '../../../src/authoring.js';

/** A blocking command of the client's, for `jid`, found by name (block or unblock). */
export function blockingRequest(command: 'block' | 'unblock', jid: string) {
  return iqStanza({ type: 'set', where: (el) => el.getChild(command, NS.blocking)?.getChildren('item').some((i) => i.attrs.jid === jid) ?? false }, `a <${command}/> of ${jid}`);
}
