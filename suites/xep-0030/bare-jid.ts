import { bare, type CaseContext, type Element, iqStanza, sameJid, type Session } from '../../src/authoring.js';

/**
 * XEP-0030 §3.1/§4.1: a disco request to a hosted bare JID is answered by the server itself, on
 * behalf of the account. The answer comes from the bare JID (or, for the owner's own bare JID,
 * without a 'from'), and none of the account's resources was handed the request: each
 * resource's own ping round trip, made after the answer came, is the barrier for that.
 */
export async function checkServerAnswered(t: CaseContext, response: Element, asker: Session, target: string, xmlns: string, resources: Session[]): Promise<void> {
  const from = response.attrs.from as string | undefined;
  const ownBare = sameJid(bare(asker.jid ?? ''), target);
  t.must(sameJid(from, target) || (from === undefined && ownBare), `the answer from ${target} itself (the server on its behalf)`, `from='${from ?? ''}'`);
  for (const r of resources) {
    await t.nothingArrived(r, iqStanza({ type: 'get', from: asker.jid, child: xmlns }), `request handed to ${r.jid}, a resource of ${target}`, () => r.sync(), 'must');
  }
}
