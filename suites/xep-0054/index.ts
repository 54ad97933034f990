import { bare, NS, stanzaError, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import useCases from './3-use-cases.js';
import determiningSupport from './4-determining-support.js';
import implementationNotes from './8-implementation-notes.js';
import { vcardGet } from './vcard.js';

/** Conditions with which a server says it has no such service at all. */
const ABSENT = ['service-unavailable', 'feature-not-implemented'];

/** XEP-0054 vcard-temp, server side. */
export const xep0054: Suite = {
  spec: 'xep-0054',
  role: 'server',
  /**
   * Supported when a get for one's own vCard is served (a result, or an error other than "no
   * such service"); a server that lists vcard-temp counts as supporting it whatever the get
   * did, so its cases run and judge it.
   */
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const server = await discoInfo(s, t.domain);
    const account = await discoInfo(s, bare(s.jid!));
    const advertised = server.features.includes(NS.vcard);
    const response = await vcardGet(s);
    const condition = stanzaError(response)?.condition;
    const absent = response.attrs.type === 'error' && ABSENT.includes(condition ?? '');
    const listed = (yes: boolean): string => (yes ? 'lists' : 'does not list');
    return {
      supported: !absent || advertised,
      advertised,
      entity: `server ${t.domain}`,
      detail: `a get for the account's own vCard was answered with ${response.attrs.type === 'result' ? 'a result' : `an error <${condition ?? '?'}/>`}; `
        + `${t.domain} ${listed(advertised)} vcard-temp, the account's bare JID ${listed(account.features.includes(NS.vcard))} it`,
    };
  },
  cases: [...useCases, ...determiningSupport, ...implementationNotes],
};
