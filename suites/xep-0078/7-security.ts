import { defineCases, SaslFailure, token } from '../../src/authoring.js';
import { awaitStreamEnd, describeEnding } from '../lib/streams.js';
import { plaintextLogin } from './iq-auth.js';

/** XEP-0078 §7 (with §3.1): no fallback to jabber:iq:auth after SASL failed. */
export default defineCases({ spec: 'xep-0078', role: 'server' }, [
  {
    id: 'XEP0078-7-1',
    cite: {
      section: '7',
      anchor: 'security',
      keyword: 'MUST',
      quote: "If a client attempts to authenticate using the 'jabber:iq:auth' namespace after an attempt at SASL authentication fails, the server MUST refuse the 'jabber:iq:auth' attempt by returning a <policy-violation/> stream error to the client.",
    },
    requirement: 'After a failed SASL attempt on the stream, a jabber:iq:auth attempt (with the right password) is refused with a <policy-violation/> stream error.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('legacy');
      const failed = await t.setup('fail SASL with a wrong password', async () => {
        try {
          await s.authenticate({ username: a!.local, password: `wrong-${token(6)}`, domain: a!.domain });
        } catch (err) {
          if (err instanceof SaslFailure) return err.condition;
          throw err;
        }
        throw new Error('SASL accepted a wrong password');
      });
      t.note(`SASL failed with <${failed}/>; now jabber:iq:auth with the right password`);
      // the right password: a result here would be a working fallback around SASL
      const response = await plaintextLogin(s, a!, `certify-${token(3)}`).catch(() => undefined);
      t.check(response?.attrs.type !== 'result', 'no login through jabber:iq:auth after the SASL failure', response);
      const ending = await awaitStreamEnd(s);
      t.check(ending.condition === 'policy-violation', 'a <policy-violation/> stream error', `${response ? `${response.toString().slice(0, 200)}; ` : ''}${describeEnding(ending)}`);
    },
  },
]);
