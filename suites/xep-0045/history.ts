/** Discussion history for the XEP-0045 entry cases: posting it, and the delay stamps it carries. */
import { type CaseContext, type Element, NS, type Session, token } from '../../src/authoring.js';
import { say } from './room.js';

/** The delay stamps of a message: XEP-0203 <delay/> and the older XEP-0091 <x/>. */
export function delays(el: Element): Element[] {
  return [el.getChild('delay', NS.delay), el.getChild('x', NS.legacyDelay)].filter((d): d is Element => d !== undefined);
}

/** Posts messages that become discussion history, each confirmed by its reflection; returns their bodies. */
export async function postHistory(t: CaseContext, s: Session, room: string, count: number): Promise<string[]> {
  const bodies = Array.from({ length: count }, (_, i) => `history ${i + 1} ${token(3)}`);
  await t.setup('post the discussion history', async () => {
    for (const body of bodies) await say(s, room, body);
  });
  return bodies;
}
