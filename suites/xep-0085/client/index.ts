import { NS, type Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import chatStates from './4-5-chat-states.js';

/** XEP-0085 Chat State Notifications for clients. */
export const xep0085Client: Suite = {
  spec: 'xep-0085',
  role: 'client',
  probe: featureProbe(NS.chatStates, 'chat states'),
  cases: chatStates,
};
