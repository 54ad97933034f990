import { NS } from '../../src/authoring.js';
import type { BoshReply, RawBosh } from '../lib/bosh.js';

/** Polls with empty requests until a response carries <stream:features/> (XEP-0206 §4). */
export async function untilFeatures(bosh: RawBosh, first: BoshReply, polls = 3): Promise<BoshReply | undefined> {
  let reply = first;
  for (let i = 0; ; i++) {
    if (reply.elements.some((el) => el.getName() === 'features' && el.getNS() === NS.stream)) return reply;
    if (i >= polls) return undefined;
    reply = await bosh.next();
  }
}
