/** The XEP-0047 namespace, for the client suite's probe and its case. */
export const IBB = 'http://jabber.org/protocol/ibb';
