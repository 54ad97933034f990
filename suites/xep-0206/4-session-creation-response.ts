import { defineCases } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0206 §4: the session response (restart support, from v1.3). */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-4-1',
    cite: {
      '1.1': {
        absent: 'restartlogic comes with v1.3 (2010); v1.1 has the client ask for restarts without the manager advertising them',
        later: {
          doc: 'XEP-0206', version: '1.3', section: '4', anchor: 'create', keyword: 'MUST',
          quote: "If the connection manager supports stream restarts, it MUST advertise that fact by including a 'restartlogic' attribute (qualified by the 'urn:xmpp:xbosh' namespace) whose value is set to \"true\"",
        },
      },
      '1.4': {
        section: '4',
        anchor: 'create',
        keyword: 'MUST',
        quote: "If the connection manager supports stream restarts, it MUST advertise that fact by including a 'restartlogic' attribute (qualified by the 'urn:xmpp:xbosh' namespace) whose value is set to \"true\"",
      },
    },
    requirement: "A manager that supports stream restarts (a login over BOSH works) says so with xmpp:restartlogic='true'.",
    accounts: 1,
    async run(t) {
      const created = await new RawBosh(t).create();
      if (created.attrs['xmpp:restartlogic'] === 'true') return t.outcome("xmpp:restartlogic='true' on the session response");
      // the rule is for managers that support restarts: a login over BOSH restarts the stream after SASL
      const restarted = await t.login(t.accounts[0]!, { transport: 'bosh' }).then(() => true, () => false);
      if (!restarted) return t.skip('a login over BOSH failed: no sign that the manager supports stream restarts');
      t.check(false, "xmpp:restartlogic='true' on the session response of a manager that restarted a stream", created.rawHeader);
    },
  },
]);
