import { defineCases, sameIn, token, x } from '../../src/authoring.js';
import { checkOccupantPresence, collectUntilMarker, createRoom, joinAs, occupantPresence } from './room.js';

/** XEP-0045 §7.7 (v1.22/v1.24 §7.4): changing availability status. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.7-1',
    // §7.4 describes the broadcast without a keyword; §16.3 makes it binding
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '16.3',
        keyword: ['SHOULD', 'MUST'],
        quote: 'A MUC service SHOULD allow all other presence information to pass through … MUC service implementations MUST provide extended presence information about roles and affiliations in all presence stanzas',
        anchor: 'bizrules-presence',
      }),
      '1.34.5': {
        section: '17.3',
        keyword: ['SHOULD', 'MUST'],
        anchor: 'bizrules-presence',
        quote: 'A MUC service SHOULD allow all other presence information to pass through … MUC service implementations MUST provide role and affiliation data (and, if allowed by the room configuration, full JID) in all presence stanzas',
      },
    },
    requirement: "An occupant's presence change (show/status) is passed on to the occupants (SHOULD), with the room's extension about role and affiliation attached (MUST).",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await t.setup("see B's entry", () => owner.expect(occupantPresence(room.jid, 'b')));
      const status = `away ${token(2)}`;
      b.s.send(x('presence', { to: `${room.jid}/b` }, x('show', {}, 'away'), x('status', {}, status)));
      // B's own later message: once the owner has it, the room has handled B's presence before it
      const since = await collectUntilMarker(t, b.s, owner, room.jid);
      const changed = since.find((el) => occupantPresence(room.jid, 'b').test(el) && el.getChildText('show') === 'away');
      t.should(changed !== undefined && changed.getChildText('status') === status, `B's presence with <show>away</show> and <status>${status}</status> passed on to the owner`, changed ?? 'no such presence before the barrier');
      if (changed) checkOccupantPresence(t, changed);
    },
  },
]);
