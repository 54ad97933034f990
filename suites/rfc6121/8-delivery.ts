import { anyOf, defineCases, describe, iq, iqStanza, messageWithBody, NS, presence, query, resourceOf, sameJid, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { available, deferOfflineFlush, markerFrom, offlineFate, presenceStanza, roundTrip } from '../lib/presence.js';
import { deferRemoval } from '../lib/roster.js';
import { bounced, bounceOf, errorFor, IQS_TO_NOBODY, iqsToNobody, isBare, messagesToNobody, nobody, PRESENCE_TYPES, probeMessage, sendToMissingResource, toMissingResource, UNKNOWN_NS } from './delivery.js';

/** RFC 6121 §8 (RFC 3921 §11.1): how the server delivers, stores or refuses stanzas. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-8.2.1-1',
    cite: {
      '3920': {
        absent: "RFC 3920 §10.1 only says the server SHOULD process a stanza without 'to' on behalf of the sender, without saying what that means for a message; RFC 3921 says nothing of it",
        later: {
          doc: 'RFC 6120',
          section: '10.3.1',
          keyword: 'MUST',
          quote: "If the server receives a message stanza with no 'to' attribute, it MUST treat the message as if the 'to' address were the bare JID <localpart@domainpart> of the sending entity.",
        },
      },
      '6120': {
        doc: 'RFC 6120',
        section: '10.3.1',
        keyword: 'MUST',
        quote: "If the server receives a message stanza with no 'to' attribute, it MUST treat the message as if the 'to' address were the bare JID <localpart@domainpart> of the sending entity.",
      },
    },
    requirement: "A message without 'to' is handled as if addressed to the sender's bare JID.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      // priority −1 keeps the sender out of bare-JID delivery, so a2 is the only candidate
      const a1 = await available(t, a!, { priority: -1 });
      const a2 = await available(t, a!, { priority: 1 });
      const body = `no to ${token(3)}`;
      a1.send(x('message', { type: 'chat' }, x('body', {}, body)));
      await a2.expect(messageWithBody(body));
    },
  },
  {
    id: 'RFC6121-8.5.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'MUST',
        quote: "Else if the JID is of the form <user@domain> or <user@domain/resource> and the associated user account does not exist, the recipient's server … (b) MUST return a <service-unavailable/> stanza error to the sender if it is an IQ stanza",
      },
      '6120': {
        section: '8.5.1',
        keyword: 'MUST',
        quote: "If the user account identified by the 'to' attribute does not exist, how the stanza is processed depends on the stanza type. … For an IQ stanza, the server MUST return a <service-unavailable/> stanza error to the sender.",
      },
    },
    requirement: 'An IQ to an account that does not exist (a ping and an unknown payload to the bare JID, a ping to a full JID) gets <service-unavailable/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const responses = await iqsToNobody(s, nobody(t));
      for (const [i, response] of responses.entries()) t.outcome(`${IQS_TO_NOBODY[i]}: ${response.attrs.type === 'error' ? `error <${stanzaError(response)?.condition ?? '?'}/>` : response.attrs.type}`);
      for (const response of responses) t.expectError(response, ['service-unavailable']);
    },
  },
  {
    id: 'RFC6121-8.5.1-2',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: "Else if the JID is of the form <user@domain> or <user@domain/resource> and the associated user account does not exist, the recipient's server … (c) SHOULD return a <service-unavailable/> stanza error to the sender if it is a message stanza.",
        changed: 'RFC 6121 §8.5.1: MUST either ignore it silently or return <service-unavailable/>',
      },
      '6120': {
        section: '8.5.1',
        keyword: 'MUST',
        quote: 'For a message stanza, the server MUST either (a) silently ignore the message or (b) return a <service-unavailable/> stanza error to the sender.',
      },
    },
    requirement: 'A message to an account that does not exist is bounced with <service-unavailable/> (RFC 6121: or dropped).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      for (const { type, to, bounce } of await messagesToNobody(s, nobody(t))) {
        const what = `${type} to ${resourceOf(to) ? 'a full' : 'the bare'} JID`;
        t.outcome(`${what}: ${bounce ? bounced(bounce) : 'dropped'}`);
        if (bounce) t.expectError(bounce, ['service-unavailable']);
        else if (t.baseline === '3920') t.should(false, `a <service-unavailable/> error for the ${what}`, 'no error');
      }
    },
  },
  {
    id: 'RFC6121-8.5.1-3',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: "Else if the JID is of the form <user@domain> or <user@domain/resource> and the associated user account does not exist, the recipient's server (a) SHOULD silently ignore the stanza (i.e., neither deliver it nor return an error) if it is a presence stanza",
        changed: "RFC 6121 §8.5.1 makes it MUST, and lets a probe be answered with 'unsubscribed'",
      },
      '6120': {
        section: '8.5.1',
        keyword: 'MUST',
        quote: "For a presence stanza with no 'type' attribute or a 'type' attribute of \"unavailable\", the server MUST silently ignore the stanza. … For a presence stanza of type \"probe\", the server MUST either (a) silently ignore the stanza or (b) return a presence stanza of type \"unsubscribed\".",
      },
    },
    requirement: "Presence of every type to an account that does not exist is silently dropped (RFC 6121: a probe may be answered with 'unsubscribed').",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const target = nobody(t);
      deferRemoval(t, s, target);
      for (const type of PRESENCE_TYPES) {
        s.clearInbox();
        s.send(presenceStanza({ to: target, type: type === 'available' ? undefined : type }));
        const unsubscribedAllowed = type === 'probe' && t.baseline === '6120';
        const answer = presence({ fromBare: target, where: (el) => !(unsubscribedAllowed && el.attrs.type === 'unsubscribed') });
        await t.nothingArrived(s, answer, `answer to ${type} presence${unsubscribedAllowed ? " but 'unsubscribed'" : ''}`, () => s.sync());
        if (type === 'probe') t.outcome(s.received(presence({ fromBare: target, type: 'unsubscribed' })).length ? "probe answered with 'unsubscribed'" : 'probe dropped');
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['SHOULD', 'MUST NOT'],
        quote: "For message stanzas, the server SHOULD deliver the stanza to the highest-priority available resource … In addition, the server MUST NOT rewrite the 'to' attribute",
        changed: 'RFC 6121 §8.5.2.1.1: MUST deliver it to the one non-negative resource',
      },
      '6120': {
        section: '8.5.2.1.1',
        keyword: ['MUST', 'MUST NOT'],
        quote: "If there is one available resource with a non-negative presence priority then the server MUST deliver the message to that resource. … In all cases, the server MUST NOT rewrite the 'to' attribute",
      },
    },
    requirement: "Chat and normal messages to the bare JID of a user with one non-negative resource reach it (RFC 3921: should) with 'to' left as the bare JID.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      for (const type of ['chat', 'normal']) {
        const m = probeMessage(b!.jid, type);
        sa.send(m.stanza);
        await markerFrom(t, sa, sb);
        const got = sb.received(messageWithBody(m.body))[0];
        const deliver = t.baseline === '3920' ? t.should.bind(t) : t.must.bind(t);
        if (!deliver(got !== undefined, `the ${type} message delivered to ${sb.jid}`, 'not delivered')) continue;
        t.must(isBare(got!.attrs.to, b!.jid), `'to' left as the bare JID ${b!.jid} (${type})`, got);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-2',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: 'For message stanzas, the server SHOULD deliver the stanza to the highest-priority available resource',
        changed: "RFC 6121 §8.5.2.1.1: MUST deliver it to the 'most available' resource or resources, or to all non-negative ones",
      },
      '6120': {
        section: '8.5.2.1.1',
        keyword: 'MUST',
        quote: 'If there is more than one resource with a non-negative presence priority then the server MUST either (a) deliver the message to the "most available" resource or resources … or (b) deliver the message to all of the non-negative resources.',
      },
    },
    requirement: 'With resources of priority 5 and 1, chat and normal messages to the bare JID reach at least one of them, the most available or all (RFC 3921: the priority 5 one, should).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const high = await available(t, b!, { priority: 5 });
      const low = await available(t, b!, { priority: 1 });
      for (const type of ['chat', 'normal']) {
        const m = probeMessage(b!.jid, type);
        sa.send(m.stanza);
        await markerFrom(t, sa, high);
        await markerFrom(t, sa, low);
        const [h, l] = [high, low].map((s) => s.received(messageWithBody(m.body)).length > 0);
        t.outcome(`${type}: ${h && l ? 'delivered to both resources' : h ? 'delivered to the priority 5 resource only' : l ? 'delivered to the priority 1 resource only' : 'not delivered'}`);
        if (t.baseline === '3920') t.should(h, `the ${type} message delivered to the highest-priority resource ${high.jid}`, l ? 'only the priority 1 resource received it' : 'not delivered');
        else t.must(h || l, `the ${type} message delivered to at least one of the non-negative resources`, 'not delivered');
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-3',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['SHOULD', 'MUST NOT'],
        quote: 'For message stanzas, the server SHOULD deliver the stanza to the highest-priority available resource … However, the server MUST NOT deliver the stanza to an available resource with a negative priority',
        changed: 'RFC 6121 §8.5.2.1.1: a headline MUST go to every non-negative resource',
      },
      '6120': {
        section: '8.5.2.1.1',
        keyword: ['MUST', 'MUST NOT'],
        quote: 'For a message stanza of type "headline": … If there is more than one resource with a non-negative presence priority then the server MUST deliver the message to all of the non-negative resources. … However, for any message type the server MUST NOT deliver the stanza to any available resource with a negative priority',
      },
    },
    requirement: 'A headline to the bare JID reaches every non-negative resource (RFC 3921: the highest-priority one, should) and never the negative one.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const [b1, b2, b3] = [await available(t, b!, { priority: 5 }), await available(t, b!, { priority: 0 }), await available(t, b!, { priority: -1 })];
      const m = probeMessage(b!.jid, 'headline');
      sa.send(m.stanza);
      await t.nothingArrived(b3!, messageWithBody(m.body), 'delivery to the priority −1 resource', () => markerFrom(t, sa, b3!), 'must');
      await markerFrom(t, sa, b1!);
      await markerFrom(t, sa, b2!);
      const [first, second] = [b1!, b2!].map((s) => s.received(messageWithBody(m.body)).length > 0);
      if (t.baseline === '3920') {
        t.should(first, `the headline delivered to the highest-priority resource ${b1!.jid}`, second ? 'only the priority 0 resource received it' : 'not delivered');
        return t.outcome(second ? 'also delivered to the priority 0 resource' : 'delivered to the highest-priority resource only');
      }
      t.must(first && second, 'delivery to both non-negative resources (priority 5 and 0)', `priority 5: ${first ? 'delivered' : 'not delivered'}; priority 0: ${second ? 'delivered' : 'not delivered'}`);
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-4',
    cite: {
      '3920': { absent: 'RFC 3921 §11.1 routes a groupchat message to a bare JID like any other message (it SHOULD go to the highest-priority resource)' },
      '6120': {
        section: '8.5.2.1.1',
        keyword: ['MUST NOT', 'MUST', 'SHOULD'],
        quote: 'For a message stanza of type "groupchat", the server MUST NOT deliver the stanza to any of the available resources but instead MUST return a stanza error to the sender, which SHOULD be <service-unavailable/>.',
      },
    },
    requirement: 'A groupchat message to the bare JID of an available user is not delivered; the sender gets an error (<service-unavailable/> recommended).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const m = probeMessage(b!.jid, 'groupchat');
      sa.send(m.stanza);
      await t.nothingArrived(sb, messageWithBody(m.body), 'delivery of the groupchat message', () => markerFrom(t, sa, sb));
      await sa.sync();
      const bounce = bounceOf(sa, m.id);
      t.must(bounce !== undefined, 'an error to the sender', 'no error');
      t.expectError(bounce!, []);
      t.should(stanzaError(bounce!)?.condition === 'service-unavailable', 'the error <service-unavailable/>', bounce);
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-5',
    cite: {
      '3920': { absent: "RFC 3921 §11.1 has no rule for messages of type 'error' to a bare JID: they are routed like any other message" },
      '6120': {
        section: '8.5.2.1.1',
        keyword: 'MUST',
        quote: 'For a message stanza of type "error", the server MUST silently ignore the message.',
      },
    },
    requirement: 'A message of type error to the bare JID of an available user is dropped: not delivered, no error back.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const m = probeMessage(b!.jid, 'error');
      sa.send(m.stanza);
      await t.nothingArrived(sb, messageWithBody(m.body), 'delivery of the error message', () => markerFrom(t, sa, sb));
      await t.nothingArrived(sa, errorFor(m.id), 'error in answer to an error message', () => sa.sync());
    },
  },
  {
    id: 'RFC6121-8.5.2.1.2-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['MUST', 'MUST NOT'],
        quote: "For presence stanzas other than those of type \"probe\", the server MUST deliver the stanza to all available resources; … In addition, the server MUST NOT rewrite the 'to' attribute",
      },
      '6120': {
        section: '8.5.2.1.2',
        keyword: ['MUST', 'MUST NOT'],
        quote: "For a presence stanza with no type or of type \"unavailable\", the server MUST deliver it to all available resources. … In all cases, the server MUST NOT rewrite the 'to' attribute",
      },
    },
    requirement: "Presence to a bare JID reaches every available resource with 'to' left as the bare JID.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const resources = [await available(t, b!), await available(t, b!)];
      const status = `directed ${token(3)}`;
      sa.send(presenceStanza({ to: b!.jid, status }));
      for (const r of resources) {
        const got = await r.expect(presence({ from: sa.jid!, where: (el) => el.getChildText('status') === status }));
        t.check(isBare(got.attrs.to, b!.jid), `'to' left as the bare JID ${b!.jid} at ${r.jid}`, got);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.3-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['MUST', 'MUST NOT'],
        quote: 'For IQ stanzas, the server itself MUST reply on behalf of the user with either an IQ result or an IQ error, and MUST NOT deliver the IQ stanza to any of the available resources. … if not, the server MUST reply with a <service-unavailable/> stanza error.',
      },
      '6120': {
        section: '8.5.2.1.3',
        keyword: ['MUST', 'MUST NOT'],
        quote: "For an IQ stanza, the server itself MUST reply on behalf of the user with either an IQ result or an IQ error, and MUST NOT deliver the IQ stanza to any of the user's available resources. … if not, then the server MUST reply with a <service-unavailable/> stanza error.",
      },
    },
    requirement: 'An IQ to a bare JID is answered by the server and never forwarded to a resource; an unknown payload gets <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const version = await sa.iq(iq('get', { to: b!.jid }, query(NS.version)));
      const unknown = await sa.iq(iq('get', { to: b!.jid }, query(UNKNOWN_NS)));
      const forwarded = iqStanza({ type: 'get', where: (el) => [version.attrs.id, unknown.attrs.id].includes(el.attrs.id) });
      await t.nothingArrived(sb, forwarded, 'IQ forwarded to the available resource', () => markerFrom(t, sa, sb));
      if (version.attrs.type === 'error') t.expectError(version, ['service-unavailable']);
      t.outcome(`jabber:iq:version to the bare JID: ${version.attrs.type === 'result' ? 'answered by the server' : 'refused'}`);
      t.expectError(unknown, ['service-unavailable']);
    },
  },
  {
    id: 'RFC6121-8.5.2.2.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['MAY', 'MUST'],
        quote: 'For message stanzas, the server MAY choose to store the stanza on behalf of the user and deliver it when the user next becomes available, or forward the message to the user via some other means … However, if offline message storage or message forwarding is not enabled, the server MUST return to the sender a <service-unavailable/> stanza error.',
        changed: 'RFC 6121 §8.5.2.2.1: SHOULD store it or return an error (SHOULD be <service-unavailable/>)',
      },
      '6120': {
        section: '8.5.2.2.1',
        keyword: 'SHOULD',
        quote: 'For a message stanza of type "normal" or "chat", the server SHOULD either (a) add the message to offline storage or (b) return a stanza error to the sender, which SHOULD be <service-unavailable/>.',
      },
    },
    requirement: 'A chat message for a user with no available or connected resource is stored and delivered at the next initial presence, or bounced with <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      // sessions earlier cases left connected would be resources of the user
      await t.closeKept();
      const sa = await available(t, a!);
      deferOfflineFlush(t, b!);
      const m = probeMessage(b!.jid, 'chat');
      sa.send(m.stanza);
      await sa.sync();
      const { bounce, stored } = await offlineFate(t, sa, b!, m.id, m.body);
      if (bounce) {
        t.outcome(bounced(bounce));
        if (t.baseline === '3920') return void t.expectError(bounce, ['service-unavailable']);
        t.expectError(bounce, []);
        t.should(stanzaError(bounce)?.condition === 'service-unavailable', 'the error <service-unavailable/>', bounce);
        return;
      }
      t.check(stored !== undefined, 'the message stored and delivered at the next initial presence, or bounced with <service-unavailable/>', 'no error, and not delivered when the user came online');
      const delay = stored!.getChild('delay', NS.delay) ?? stored!.getChild('x', NS.legacyDelay);
      t.outcome(`stored and delivered at the next initial presence${delay ? `, with a delay stamp ${delay.attrs.stamp ?? ''}` : ', without a delay stamp'}`);
    },
  },
  {
    id: 'RFC6121-8.5.2.2.1-2',
    cite: {
      '3920': { absent: 'RFC 3921 §11.1 handles every message type alike for a user with no available resource: stored, or bounced with <service-unavailable/> where there is no offline storage (see RFC6121-8.5.2.2.1-1)' },
      '6120': {
        section: '8.5.2.2.1',
        keyword: ['MUST', 'SHOULD'],
        quote: 'For a message stanza of type "groupchat", the server MUST return an error to the sender, which SHOULD be <service-unavailable/>. For a message stanza of type "headline" or "error", the server MUST silently ignore the message.',
      },
    },
    requirement: 'For a user with no available or connected resource, headline and error messages are dropped silently (not stored) and a groupchat message gets an error (<service-unavailable/> recommended).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      // sessions earlier cases left connected would be resources of the user
      await t.closeKept();
      const sa = await available(t, a!);
      deferOfflineFlush(t, b!);
      const sent = ['headline', 'error', 'groupchat'].map((type) => ({ type, ...probeMessage(b!.jid, type) }));
      for (const m of sent) sa.send(m.stanza);
      await sa.sync();
      for (const { type, id } of sent) {
        const bounce = bounceOf(sa, id);
        if (type !== 'groupchat') {
          t.must(bounce === undefined, `the ${type} message dropped without an error`, bounce);
          continue;
        }
        t.must(bounce !== undefined, 'an error for the groupchat message', 'no error');
        t.expectError(bounce!, []);
        t.should(stanzaError(bounce!)?.condition === 'service-unavailable', 'the error <service-unavailable/>', bounce);
      }
      const sb = await available(t, b!);
      const kept = anyOf(...sent.map((m) => messageWithBody(m.body)));
      await t.nothingArrived(sb, kept, 'headline, error or groupchat message kept for the next initial presence', () => markerFrom(t, sa, sb));
    },
  },
  {
    id: 'RFC6121-8.5.3.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'MUST',
        quote: "If the JID is of the form <user@domain/resource> and an available resource matches the full JID, the recipient's server MUST deliver the stanza to that resource.",
      },
      '6120': {
        section: '8.5.3.1',
        keyword: 'MUST',
        quote: 'For a message stanza, the server MUST deliver the stanza to the resource. … For a presence stanza with no \'type\' attribute or a \'type\' attribute of "unavailable", the server MUST deliver the stanza to the resource.',
      },
    },
    requirement: 'Messages of every type, presence, and an IQ get from an entity the resource shares presence with, sent to an exactly matching full JID, are delivered to that resource.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      sb.handleIq(NS.version, (request) => iq('result', { to: request.attrs.from, id: request.attrs.id }, query(NS.version, {}, x('name', {}, 'xmpp-certify'))));
      for (const type of ['chat', 'normal', 'headline', 'groupchat']) {
        const m = probeMessage(sb.jid!, type);
        sa.send(m.stanza);
        await sb.expect(messageWithBody(m.body));
      }
      const status = `directed ${token(3)}`;
      sa.send(presenceStanza({ to: sb.jid, status }));
      await sb.expect(presence({ from: sa.jid!, where: (el) => el.getChildText('status') === status }));
      // RFC 6121 §8.5.3.1: an IQ get to a resource that shares no presence with the sender SHOULD NOT be delivered
      const shared = `shared ${token(3)}`;
      sb.send(presenceStanza({ to: sa.jid, status: shared }));
      await t.setup(`have ${sb.jid} share presence with ${sa.jid}`, () => sa.expect(presence({ from: sb.jid!, where: (el) => el.getChildText('status') === shared })));
      const response = await sa.iq(iq('get', { to: sb.jid }, query(NS.version)));
      t.check(response.attrs.type === 'result' && sameJid(response.attrs.from, sb.jid),
        `the IQ delivered to ${sb.jid} and its result returned${t.baseline === '6120' ? ' (RFC 6120 §10.5.4: the server MUST deliver the stanza to that connected resource)' : ''}`, response);
    },
  },
  {
    id: 'RFC6121-8.5.3.2.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: "Else if the JID is of the form <user@domain/resource> and no available resource matches the full JID, the recipient's server … (c) SHOULD treat the stanza as if it were addressed to <user@domain> if it is a message stanza.",
        changed: 'RFC 6121 §8.5.3.2.1 makes it MUST, for chat messages only',
      },
      '6120': {
        section: '8.5.3.2.1',
        keyword: 'MUST',
        quote: 'For a message stanza of type "chat": … If there is one available resource with a non-negative presence priority then the server MUST deliver the message to that resource.',
      },
    },
    requirement: 'A chat message to a full JID that matches no resource is delivered to the one available resource, as if sent to the bare JID.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const [result] = await toMissingResource(t, sa, sb, ['chat']);
      t.check(result!.delivered, `the chat message delivered to ${sb.jid}`, result!.bounce ? describe(result!.bounce) : 'not delivered');
    },
  },
  {
    id: 'RFC6121-8.5.3.2.1-2',
    cite: {
      '3920': { absent: 'RFC 3921 §11.1 says a message of any type to a full JID that matches no resource SHOULD be treated as if addressed to the bare JID (see RFC3921-11.1-1)' },
      '6120': {
        section: '8.5.3.2.1',
        keyword: ['MUST', 'SHOULD'],
        quote: 'For a message stanza of type "normal", "groupchat", or "headline", the server MUST either (a) silently ignore the stanza or (b) return an error stanza to the sender, which SHOULD be <service-unavailable/>. … For a message stanza of type "error", the server MUST silently ignore the stanza.',
      },
    },
    requirement: 'Normal, groupchat and headline messages to a full JID that matches no resource are dropped or bounced (<service-unavailable/> recommended), never redirected; error messages are dropped.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const sent = sendToMissingResource(sa, sb, ['normal', 'groupchat', 'headline', 'error']);
      const fates = async () => {
        await roundTrip(t, sa, sb);
        for (const { type, body, id } of sent) {
          const bounce = bounceOf(sa, id);
          t.outcome(`${type}: ${sb.received(messageWithBody(body)).length ? 'delivered to the available resource' : bounce ? bounced(bounce) : 'dropped'}`);
        }
      };
      await t.nothingArrived(sb, anyOf(...sent.map((m) => messageWithBody(m.body))), 'message redirected to the available resource', fates);
      for (const { type, id } of sent) {
        const bounce = bounceOf(sa, id);
        if (type === 'error') t.must(bounce === undefined, 'no error in answer to an error message', bounce);
        else if (bounce) {
          t.expectError(bounce, []);
          t.should(stanzaError(bounce)?.condition === 'service-unavailable', `a <service-unavailable/> bounce for the ${type} message`, bounce);
        }
      }
    },
  },
  {
    id: 'RFC6121-8.5.3.2.2-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: "Else if the JID is of the form <user@domain/resource> and no available resource matches the full JID, the recipient's server (a) SHOULD silently ignore the stanza (i.e., neither deliver it nor return an error) if it is a presence stanza",
        changed: 'RFC 6121 §8.5.3.2.2 makes it MUST',
      },
      '6120': {
        section: '8.5.3.2.2',
        keyword: 'MUST',
        quote: 'For a presence stanza with no \'type\' attribute or a \'type\' attribute of "unavailable", the server MUST silently ignore the stanza.',
      },
    },
    requirement: 'Available or unavailable presence to a full JID that matches no resource is dropped silently: not delivered, no error back.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const to = `${b!.jid}/gone-${token(3)}`;
      sa.send(presenceStanza({ to, status: `directed ${token(3)}` }));
      sa.send(presenceStanza({ to, type: 'unavailable' }));
      await t.nothingArrived(sb, presence({ from: sa.jid! }), 'presence delivered to the available resource', () => roundTrip(t, sa, sb));
      await t.nothingArrived(sa, presence({ type: 'error' }), 'error to the sender', () => sa.sync());
    },
  },
  {
    id: 'RFC6121-8.5.3.2.3-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'MUST',
        quote: "Else if the JID is of the form <user@domain/resource> and no available resource matches the full JID, the recipient's server … (b) MUST return a <service-unavailable/> stanza error to the sender if it is an IQ stanza",
      },
      '6120': {
        section: '8.5.3.2.3',
        keyword: 'MUST',
        quote: 'For an IQ stanza, the server MUST return a <service-unavailable/> stanza error to the sender.',
      },
    },
    requirement: 'An IQ to a full JID that matches no resource gets <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      await available(t, b!);
      t.expectError(await sa.iq(iq('get', { to: `${b!.jid}/gone-${token(3)}` }, query(NS.version))), ['service-unavailable']);
    },
  },
]);
