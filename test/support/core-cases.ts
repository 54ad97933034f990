import type { Suite } from '../../src/engine/case.js';
import { xmppCore } from '../../suites/rfc6120/index.js';

/** The core suite cut down to some of its cases. */
export function core(...ids: string[]): Suite[] {
  return [{ spec: 'xmpp-core', role: 'server', cases: xmppCore.cases.filter((c) => ids.includes(c.id)) }];
}
