/** The XEP-0065 namespace, for the client suite's probe and its case. */
export const BYTESTREAMS = 'http://jabber.org/protocol/bytestreams';
