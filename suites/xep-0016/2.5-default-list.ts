import { type CaseContext, defineCases, describe, type Element, malformedError, type Session, STANZA_TRANSPORTS, stanzaError } from '../../src/authoring.js';
import { Privacy, everyone, getList, listNames, removeList, setDefault } from '../lib/privacy.js';

/** XEP-0016 §2.5 (and §2.2 rule 11, §2.8): lists another resource uses cannot be taken away from it. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.5-1',
    cite: {
      section: '2.2',
      keyword: ['MUST', 'MUST NOT'],
      quote: 'When a resource attempts to remove a list or specify a new default list while that list applies to a connected resource other than the sending resource, the server MUST return a <conflict/> error to the sending resource and MUST NOT make the requested change.',
      anchor: 'protocol-rules',
    },
    requirement: 'Removing a list, or changing or declining the default, while another connected resource uses it gives <conflict/>, and nothing changes.',
    accounts: 1,
    async run(t) {
      const [account] = t.accounts;
      const a1 = await t.login(account!);
      const a2 = await t.login(account!);
      const p = await Privacy.of(t, a1);
      p.track(a2);
      const used = await p.create([everyone('allow', 1)]);
      const other = await p.create([everyone('allow', 1)]);

      // A2 uses `used` as its active list
      await p.activate(used, a2);
      refused(t, await removeList(a1, used), `removing ${used}, A2's active list`);
      t.check((await getList(a1, used)).ok, `${used} still exists after the refused removal`, 'it is gone');

      // A2 uses `used` as the default: made default while A2's active list shields it, then A2 declines its active list
      await p.makeDefault(used, a1);
      await p.activate(undefined, a2);
      refused(t, await setDefault(a1, other), `making ${other} the default while A2 uses the default ${used}`);
      await stillDefault(t, a1, used);
      refused(t, await setDefault(a1), `declining the default while A2 uses it`);
      await stillDefault(t, a1, used);
      refused(t, await removeList(a1, used), `removing ${used}, the default A2 uses`);
      t.check((await getList(a1, used)).ok, `${used} still exists after the refused removal`, 'it is gone');
    },
  },
]);

function refused(t: CaseContext, response: Element, what: string): void {
  t.check(response.attrs.type === 'error' && stanzaError(response)?.condition === 'conflict', `a <conflict/> error for ${what}`, response);
  const problem = malformedError(response);
  t.check(problem === undefined, `a well-formed <conflict/> error for ${what} (RFC 6120 §8.3.2: a defined type and one defined condition)`, `${problem}: ${describe(response, 300)}`);
}

async function stillDefault(t: CaseContext, session: Session, name: string): Promise<void> {
  const names = await listNames(session);
  t.check(names.default === name, `${name} is still the default list`, names.response);
}
