import { bare, type CaseContext, presence, type Session } from '../../src/authoring.js';
import { Privacy } from '../lib/privacy.js';
import { subscribeBoth } from '../lib/roster.js';
import { settle } from '../lib/traffic.js';

/** A and B subscribed to each other, both available, each having seen the other's presence. */
export async function seenAvailable(t: CaseContext): Promise<{ a: Session; b: Session; privacy: Privacy }> {
  const [accountA, accountB] = t.accounts;
  const a = await t.login(accountA!, { presence: true, roster: true });
  const b = await t.login(accountB!, { presence: true, roster: true });
  await subscribeBoth(t, a, b);
  await t.setup('see each other available', async () => {
    await a.expect(presence({ type: 'available', fromBare: bare(b.jid!) }));
    await b.expect(presence({ type: 'available', fromBare: bare(a.jid!) }));
  });
  const privacy = await Privacy.of(t, a);
  await settle(a, b);
  return { a, b, privacy };
}
