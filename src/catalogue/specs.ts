/** The RFC baseline a run certifies against (levels.md §0.3): the 2007–2009 texts cite 3920/3921. */
export type Baseline = '3920' | '6120';
export const BASELINES: readonly Baseline[] = ['3920', '6120'];

export type SpecId =
  | 'xmpp-core' | 'xmpp-im'
  | 'xep-0004' | 'xep-0016' | 'xep-0020' | 'xep-0030' | 'xep-0045' | 'xep-0047' | 'xep-0054'
  | 'xep-0065' | 'xep-0071' | 'xep-0077' | 'xep-0078' | 'xep-0082' | 'xep-0085' | 'xep-0086'
  | 'xep-0092' | 'xep-0095' | 'xep-0096' | 'xep-0106' | 'xep-0115' | 'xep-0124' | 'xep-0138'
  | 'xep-0155' | 'xep-0163' | 'xep-0191' | 'xep-0199' | 'xep-0206'
  // named by the Compliance Suites 2023 (XEP-0479)
  | 'rfc7395' | 'rfc7590'
  | 'xep-0048' | 'xep-0049' | 'xep-0084' | 'xep-0114' | 'xep-0153' | 'xep-0156' | 'xep-0198'
  | 'xep-0215' | 'xep-0223' | 'xep-0249' | 'xep-0280' | 'xep-0313' | 'xep-0352' | 'xep-0357'
  | 'xep-0363' | 'xep-0368' | 'xep-0398' | 'xep-0402' | 'xep-0410';

export interface SpecInfo {
  id: SpecId;
  title: string;
  /** "RFC 3920", "XEP-0045": depends on the baseline only for the two RFCs. */
  name(baseline: Baseline): string;
  url(baseline: Baseline): string;
}

function xep(number: string, title: string): SpecInfo {
  return {
    id: `xep-${number}` as SpecId,
    title,
    name: () => `XEP-${number}`,
    url: () => `https://xmpp.org/extensions/xep-${number}.html`,
  };
}

const rfcUrl = (n: string): string => `https://www.rfc-editor.org/rfc/rfc${n}`;

/** An RFC that has no older counterpart under the 3920 baseline. */
function rfc(number: string, title: string): SpecInfo {
  return { id: `rfc${number}` as SpecId, title, name: () => `RFC ${number}`, url: () => rfcUrl(number) };
}

const ALL: SpecInfo[] = [
  {
    id: 'xmpp-core',
    title: 'XMPP Core',
    name: (b) => (b === '3920' ? 'RFC 3920' : 'RFC 6120'),
    url: (b) => rfcUrl(b === '3920' ? '3920' : '6120'),
  },
  {
    id: 'xmpp-im',
    title: 'XMPP Instant Messaging and Presence',
    name: (b) => (b === '3920' ? 'RFC 3921' : 'RFC 6121'),
    url: (b) => rfcUrl(b === '3920' ? '3921' : '6121'),
  },
  xep('0004', 'Data Forms'),
  xep('0016', 'Privacy Lists'),
  xep('0020', 'Feature Negotiation'),
  xep('0030', 'Service Discovery'),
  xep('0045', 'Multi-User Chat'),
  xep('0047', 'In-Band Bytestreams'),
  xep('0054', 'vcard-temp'),
  xep('0065', 'SOCKS5 Bytestreams'),
  xep('0071', 'XHTML-IM'),
  xep('0077', 'In-Band Registration'),
  xep('0078', 'Non-SASL Authentication'),
  xep('0082', 'XMPP Date and Time Profiles'),
  xep('0085', 'Chat State Notifications'),
  xep('0086', 'Error Condition Mappings'),
  xep('0092', 'Software Version'),
  xep('0095', 'Stream Initiation'),
  xep('0096', 'SI File Transfer'),
  xep('0106', 'JID Escaping'),
  xep('0115', 'Entity Capabilities'),
  xep('0124', 'Bidirectional-streams Over Synchronous HTTP (BOSH)'),
  xep('0138', 'Stream Compression'),
  xep('0155', 'Stanza Session Negotiation'),
  xep('0163', 'Personal Eventing Protocol'),
  xep('0191', 'Blocking Command'),
  xep('0199', 'XMPP Ping'),
  xep('0206', 'XMPP Over BOSH'),
  rfc('7395', 'An XMPP Subprotocol for WebSocket'),
  rfc('7590', 'Use of TLS in XMPP'),
  xep('0048', 'Bookmarks'),
  xep('0049', 'Private XML Storage'),
  xep('0084', 'User Avatar'),
  xep('0114', 'Jabber Component Protocol'),
  xep('0153', 'vCard-Based Avatars'),
  xep('0156', 'Discovering Alternative XMPP Connection Methods'),
  xep('0198', 'Stream Management'),
  xep('0215', 'External Service Discovery'),
  xep('0223', 'Persistent Storage of Private Data via PubSub'),
  xep('0249', 'Direct MUC Invitations'),
  xep('0280', 'Message Carbons'),
  xep('0313', 'Message Archive Management'),
  xep('0352', 'Client State Indication'),
  xep('0357', 'Push Notifications'),
  xep('0363', 'HTTP File Upload'),
  xep('0368', 'SRV records for XMPP over TLS'),
  xep('0398', 'User Avatar to vCard-Based Avatars Conversion'),
  xep('0402', 'PEP Native Bookmarks'),
  xep('0410', 'MUC Self-Ping (Schrödinger\'s Chat)'),
];

export const SPECS: ReadonlyMap<SpecId, SpecInfo> = new Map(ALL.map((s) => [s.id, s]));

export function specInfo(id: SpecId): SpecInfo {
  const info = SPECS.get(id);
  if (!info) throw new Error(`unknown spec ${id}`);
  return info;
}
