import type { Cell, ComplianceSuite } from './compliance-suite.js';

/**
 * XEP-0479 XMPP Compliance Suites 2023, v0.1.0 (2023-05-04, Experimental), §2: its tables as
 * data, row by row and column by column as the XEP has them (Server, Client, Advanced Server,
 * Advanced Client), providers as the XEP names them. The intro: "Unless explicitly noted,
 * support for the listed specifications is REQUIRED for compliance purposes. A feature is
 * considered supported if all comma separated feature providers listed in the "Providers"
 * column are implemented (unless otherwise noted)."
 */

const component: Cell = { mark: 'yes', footnotes: ['component'] };

export const CS2023: ComplianceSuite = {
  xep: 'XEP-0479',
  shortname: 'cs2023',
  title: 'XMPP Compliance Suites 2023',
  version: '0.1.0',
  date: '2023-05-04',
  year: 2023,
  status: 'Experimental',
  baseline: '6120',
  roles: ['server'],
  footnotes: {
    component: {
      text: 'Support can be enabled via an external component or an internal server module/plugin. If claiming compliance using such an addition, the necessary components/modules/plugins MUST be detailed.',
      meaning: 'a component or server module may provide it (support found on a component counts)',
    },
    onlyone: {
      text: 'Only one of the recommended providers must be implemented for compliance.',
      meaning: 'one of the providers suffices: the feature is met when one of them passes',
    },
    nocli: {
      text: 'Not required for command line or terminal based interfaces.',
      meaning: 'not required of command line or terminal clients',
    },
    usecases: {
      text: 'Support for the Entity Use Cases and Occupant Use Cases is REQUIRED; support for the remaining use cases is RECOMMENDED.',
      meaning: 'the Entity and Occupant use cases',
    },
    avatar: {
      text: "While 'User Avatars' is more modern, 'vCard-Based Avatars' is more widely deployed. Although it is suggested that to maximise interoperability with existing software a client fully supports both it is sufficient to claim compliance with this suite if the support for 'vCard-Based Avatars' is read-only.",
      meaning: "read-only support of 'vCard-Based Avatars' suffices",
    },
    pubsubjid: {
      text: "While 'Personal Eventing Protocol' does not require all the features of 'Publish-Subscribe' to be available on the users' JIDs, and nor does this suite, it is desirable for this to be the case and it is expected that this will a requirement of future Compliance Suites.",
      meaning: "all of Publish-Subscribe on the users' JIDs is desirable, not required",
    },
  },
  shown: [
    { doc: 'XEP-0092', note: 'not part of XEP-0479; identifies the software' },
    { doc: 'XEP-0199', note: 'not part of XEP-0479' },
  ],
  categories: [
    {
      id: 'core', title: 'Core', anchor: 'core', buildsOn: [],
      features: [
        {
          feature: 'Core features',
          providers: [{ doc: 'RFC 6120', note: 'RFC 7622 (PRECIS) is not listed' }],
          cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' },
        },
        { feature: 'TLS', providers: [{ doc: 'RFC 7590' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        {
          feature: 'Direct TLS',
          providers: [{ doc: 'XEP-0368' }],
          cells: { server: 'no', client: 'no', advancedServer: { mark: 'yes', note: 'Server support of XEP-0368 means having the ability to accept direct TLS connections.' }, advancedClient: 'yes' },
        },
        { feature: 'Feature discovery', providers: [{ doc: 'XEP-0030' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Feature broadcasts', providers: [{ doc: 'XEP-0115' }], cells: { server: 'no', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Server Extensibility', providers: [{ doc: 'XEP-0114' }], cells: { server: 'yes', client: 'n/a', advancedServer: 'yes', advancedClient: 'n/a' } },
        {
          feature: 'Event publishing',
          providers: [{ doc: 'XEP-0163' }],
          cells: { server: 'no', client: 'no', advancedServer: { mark: 'yes', footnotes: ['pubsubjid'] }, advancedClient: 'yes' },
        },
      ],
    },
    {
      id: 'web', title: 'Web', anchor: 'web', buildsOn: ['core'],
      features: [
        {
          feature: 'Web Connection Mechanisms',
          providers: [{ doc: 'RFC 7395' }, { doc: 'XEP-0206', seeAlso: ['XEP-0124'] }],
          cells: {
            server: component,
            client: { mark: 'yes', footnotes: ['onlyone'] },
            advancedServer: component,
            advancedClient: { mark: 'yes', footnotes: ['onlyone'] },
          },
        },
        { feature: 'Connection Mechanism Discovery', providers: [{ doc: 'XEP-0156' }], cells: { server: 'no', client: 'yes', advancedServer: 'n/a', advancedClient: 'yes' } },
      ],
      shown: [{ doc: 'XEP-0156', note: 'XEP-0479 requires it of web clients, not of servers; the clients find the WebSocket and BOSH endpoints by it' }],
    },
    {
      id: 'im', title: 'IM', anchor: 'im', buildsOn: ['core'],
      features: [
        { feature: 'Core features', providers: [{ doc: 'RFC 6121' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'The /me Command', providers: [{ doc: 'XEP-0245' }], cells: { server: 'n/a', client: 'yes', advancedServer: 'n/a', advancedClient: 'yes' } },
        {
          feature: 'User Avatars',
          providers: [{ doc: 'XEP-0084' }],
          cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: { mark: 'yes', footnotes: ['nocli'] } },
        },
        {
          feature: 'User Avatar Compatibility',
          providers: [{ doc: 'XEP-0398' }, { doc: 'XEP-0153' }],
          cells: { server: 'no', client: 'no', advancedServer: 'yes', advancedClient: { mark: 'yes', footnotes: ['nocli'] } },
        },
        { feature: 'vcard-temp', providers: [{ doc: 'XEP-0054' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Outbound Message Synchronization', providers: [{ doc: 'XEP-0280' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'User Blocking', providers: [{ doc: 'XEP-0191' }], cells: { server: 'no', client: 'no', advancedServer: 'yes', advancedClient: 'yes' } },
        {
          feature: 'Group Chat',
          providers: [{ doc: 'XEP-0045', note: 'future suites may rely on XEP-0369 (MIX) instead' }, { doc: 'XEP-0249' }],
          cells: {
            server: component,
            client: { mark: 'yes', footnotes: ['usecases'] },
            advancedServer: component,
            advancedClient: { mark: 'yes', footnotes: ['usecases'] },
          },
        },
        {
          feature: 'Advanced Group Chat',
          providers: [
            { doc: 'XEP-0048' },
            { doc: 'XEP-0313', note: "history requested from a MUC archive, as opposed to from the user's account" },
            { doc: 'XEP-0402', note: "to be used only when the server exposes 'urn:xmpp:bookmarks:1#compat', XEP-0049 otherwise" },
            { doc: 'XEP-0410' },
          ],
          cells: { server: 'no', client: 'no', advancedServer: component, advancedClient: 'yes' },
        },
        { feature: 'Persistent Storage of Private Data via PubSub', providers: [{ doc: 'XEP-0223' }], cells: { server: 'no', client: 'no', advancedServer: component, advancedClient: 'yes' } },
        {
          feature: 'Private XML Storage',
          providers: [{ doc: 'XEP-0049', requirement: 'RECOMMENDED', note: 'only recommended for legacy bookmarks support' }],
          cells: { server: 'no', client: 'no', advancedServer: component, advancedClient: 'yes' },
        },
        { feature: 'Stream Management', providers: [{ doc: 'XEP-0198' }], cells: { server: 'no', client: 'no', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Message Acknowledgements', providers: [{ doc: 'XEP-0184' }], cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'History Storage / Retrieval', providers: [{ doc: 'XEP-0313' }], cells: { server: 'no', client: 'no', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Chat States', providers: [{ doc: 'XEP-0085' }], cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'Message Correction', providers: [{ doc: 'XEP-0308' }], cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'File Upload', providers: [{ doc: 'XEP-0363' }], cells: { server: component, client: 'yes', advancedServer: component, advancedClient: 'yes' } },
        { feature: 'Direct File Transfer', providers: [{ doc: 'XEP-0234' }, { doc: 'XEP-0261' }], cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: 'yes' } },
      ],
    },
    {
      id: 'mobile', title: 'Mobile', anchor: 'mobile', buildsOn: ['core'],
      features: [
        { feature: 'Stream Management', providers: [{ doc: 'XEP-0198' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        { feature: 'Client State Indication', providers: [{ doc: 'XEP-0352' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        {
          feature: 'Third Party Push Notifications',
          providers: [{ doc: 'XEP-0357' }],
          cells: { server: 'no', client: 'no', advancedServer: component, advancedClient: { mark: 'yes', note: 'Only on platforms that disallow long-lasting background connections.' } },
        },
      ],
    },
    {
      id: 'av', title: 'A/V Calling', anchor: 'av', buildsOn: ['core'],
      features: [
        { feature: 'Call Setup', providers: [{ doc: 'XEP-0167' }, { doc: 'XEP-0353' }], cells: { server: 'n/a', client: 'yes', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'Transport', providers: [{ doc: 'XEP-0176' }], cells: { server: 'n/a', client: 'yes', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'Encryption', providers: [{ doc: 'XEP-0320' }], cells: { server: 'n/a', client: 'yes', advancedServer: 'n/a', advancedClient: 'yes' } },
        { feature: 'STUN/TURN server discovery', providers: [{ doc: 'XEP-0215' }], cells: { server: 'yes', client: 'yes', advancedServer: 'yes', advancedClient: 'yes' } },
        {
          feature: 'Quality and Performance improvements',
          providers: [{ doc: 'XEP-0293' }, { doc: 'XEP-0294' }, { doc: 'XEP-0338' }, { doc: 'XEP-0339' }],
          cells: { server: 'n/a', client: 'no', advancedServer: 'n/a', advancedClient: 'yes' },
        },
      ],
    },
  ],
};
