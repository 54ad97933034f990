import { describe, expect, it } from 'vitest';
import { COLUMNS, type ComplianceSuite, isRequired, levelsOf } from '../../src/catalogue/compliance-suite.js';
import { CS2023 } from '../../src/catalogue/cs2023.js';
import { findLevel, LevelError, levelBaseline, resolveLevel, SERIES, type ResolvedSpec } from '../../src/catalogue/levels.js';
import { levelsCommand, listCommand } from '../../src/cli/info.js';
import { groupOneOf, levelVerdict, selectionVerdict, type SpecOutcome } from '../../src/engine/verdict.js';
import type { SpecVerdict } from '../../src/report/model.js';
import { SUITES } from '../../suites/index.js';
import { caseResult } from '../support/reports.js';

/**
 * XEP-0479 v0.1.0 §2, the server columns as read off the XEP, feature by feature: [Server,
 * Advanced Server], Y ✓, N ✕, - N/A. Written apart from src/catalogue/cs2023.ts, so that a cell
 * copied wrong into the data shows here.
 */
const SERVER_COLUMNS: Record<string, Record<string, [string, string]>> = {
  core: {
    'Core features': ['Y', 'Y'], TLS: ['Y', 'Y'], 'Direct TLS': ['N', 'Y'], 'Feature discovery': ['Y', 'Y'],
    'Feature broadcasts': ['N', 'Y'], 'Server Extensibility': ['Y', 'Y'], 'Event publishing': ['N', 'Y'],
  },
  web: { 'Web Connection Mechanisms': ['Y', 'Y'], 'Connection Mechanism Discovery': ['N', '-'] },
  im: {
    'Core features': ['Y', 'Y'], 'The /me Command': ['-', '-'], 'User Avatars': ['-', '-'], 'User Avatar Compatibility': ['N', 'Y'],
    'vcard-temp': ['Y', 'Y'], 'Outbound Message Synchronization': ['Y', 'Y'], 'User Blocking': ['N', 'Y'], 'Group Chat': ['Y', 'Y'],
    'Advanced Group Chat': ['N', 'Y'], 'Persistent Storage of Private Data via PubSub': ['N', 'Y'], 'Private XML Storage': ['N', 'Y'],
    'Stream Management': ['N', 'Y'], 'Message Acknowledgements': ['-', '-'], 'History Storage / Retrieval': ['N', 'Y'],
    'Chat States': ['-', '-'], 'Message Correction': ['-', '-'], 'File Upload': ['Y', 'Y'], 'Direct File Transfer': ['-', '-'],
  },
  mobile: { 'Stream Management': ['Y', 'Y'], 'Client State Indication': ['Y', 'Y'], 'Third Party Push Notifications': ['N', 'Y'] },
  av: {
    'Call Setup': ['-', '-'], Transport: ['-', '-'], Encryption: ['-', '-'], 'STUN/TURN server discovery': ['Y', 'Y'],
    'Quality and Performance improvements': ['-', '-'],
  },
};

const mark = (cell: (typeof CS2023.categories)[number]['features'][number]['cells']['server']): string =>
  isRequired(cell) ? 'Y' : cell === 'no' ? 'N' : '-';

/** The specs a level requires, as { spec: requirement }, under the baseline it names. */
const specsOf = (id: string): Record<string, string> => {
  const level = findLevel(id);
  return Object.fromEntries(resolveLevel(level, 'server', levelBaseline(level, undefined)).map((r) => [r.spec, r.requirement]));
};

const CORE = { 'xmpp-core': 'REQUIRED', rfc7590: 'REQUIRED', 'xep-0030': 'REQUIRED', 'xep-0114': 'REQUIRED', 'xep-0092': 'INFORMATIONAL', 'xep-0199': 'INFORMATIONAL' };
const CORE_ADVANCED = { ...CORE, 'xep-0368': 'REQUIRED', 'xep-0115': 'REQUIRED', 'xep-0163': 'REQUIRED' };
const WEB = { rfc7395: 'REQUIRED', 'xep-0206': 'REQUIRED', 'xep-0124': 'REQUIRED', 'xep-0156': 'INFORMATIONAL' };
const IM = { 'xmpp-im': 'REQUIRED', 'xep-0054': 'REQUIRED', 'xep-0280': 'REQUIRED', 'xep-0045': 'REQUIRED', 'xep-0249': 'REQUIRED', 'xep-0363': 'REQUIRED' };

describe('the XEP-0479 (Compliance Suites 2023) server levels', () => {
  it('hold every cell of the server columns as the XEP has it', () => {
    const read = Object.fromEntries(CS2023.categories.map((c) => [c.id, Object.fromEntries(c.features.map((f) => [f.feature, [mark(f.cells.server), mark(f.cells.advancedServer)]]))]));
    expect(read).toEqual(SERVER_COLUMNS);
    // the client columns are there too, for the client levels to come
    for (const f of CS2023.categories.flatMap((c) => c.features)) expect(Object.keys(f.cells).sort()).toEqual([...COLUMNS].sort());
  });

  it('are a Server and an Advanced Server level per category, each category but Core building on Core at its level', () => {
    const ids = SERIES[1]!.levels.map((l) => l.id);
    expect(ids).toEqual([
      'cs2023-core-server', 'cs2023-core-advanced-server', 'cs2023-web-server', 'cs2023-web-advanced-server',
      'cs2023-im-server', 'cs2023-im-advanced-server', 'cs2023-mobile-server', 'cs2023-mobile-advanced-server',
      'cs2023-av-server', 'cs2023-av-advanced-server',
    ]);
    expect(findLevel('cs2023-im-server').includes).toEqual(['cs2023-core-server']);
    expect(findLevel('cs2023-av-advanced-server').includes).toEqual(['cs2023-core-advanced-server']);
    expect(findLevel('cs2023-core-server').includes).toEqual([]);
    expect(findLevel('cs2023-mobile-advanced-server')).toMatchObject({ xep: 'XEP-0479', approved: '2023-05-04', status: 'Experimental', baseline: '6120', roles: ['server'] });
  });

  it('require what the ✓ cells name, at their level and the Core level beneath', () => {
    expect(specsOf('cs2023-core-server')).toEqual(CORE);
    expect(specsOf('cs2023-core-advanced-server')).toEqual(CORE_ADVANCED);
    expect(specsOf('cs2023-web-server')).toEqual({ ...CORE, ...WEB });
    expect(specsOf('cs2023-web-advanced-server')).toEqual({ ...CORE_ADVANCED, ...WEB });
    expect(specsOf('cs2023-im-server')).toEqual({ ...CORE, ...IM });
    expect(specsOf('cs2023-im-advanced-server')).toEqual({
      ...CORE_ADVANCED, ...IM, 'xep-0398': 'REQUIRED', 'xep-0153': 'REQUIRED', 'xep-0191': 'REQUIRED', 'xep-0048': 'REQUIRED', 'xep-0313': 'REQUIRED',
      'xep-0402': 'REQUIRED', 'xep-0410': 'REQUIRED', 'xep-0223': 'REQUIRED', 'xep-0198': 'REQUIRED',
      // "XEP-0049 (only recommended for legacy bookmarks support)"
      'xep-0049': 'RECOMMENDED',
    });
    expect(specsOf('cs2023-mobile-server')).toEqual({ ...CORE, 'xep-0198': 'REQUIRED', 'xep-0352': 'REQUIRED' });
    expect(specsOf('cs2023-mobile-advanced-server')).toEqual({ ...CORE_ADVANCED, 'xep-0198': 'REQUIRED', 'xep-0352': 'REQUIRED', 'xep-0357': 'REQUIRED' });
    expect(specsOf('cs2023-av-server')).toEqual({ ...CORE, 'xep-0215': 'REQUIRED' });
    expect(specsOf('cs2023-av-advanced-server')).toEqual({ ...CORE_ADVANCED, 'xep-0215': 'REQUIRED' });
  });

  it("judge each XEP by its version in force on 2023-05-04, and say which level's text names it", () => {
    const rows = new Map(resolveLevel(findLevel('cs2023-im-advanced-server'), 'server', '6120').map((r) => [r.spec, r]));
    expect(rows.get('xep-0045')?.version).toBe('1.34.5');
    expect(rows.get('xep-0198')?.version).toBe('1.6.1');
    expect(rows.get('xep-0402')?.version).toBe('1.1.4');
    expect(rows.get('xep-0030')?.version).toBe('2.5rc3');
    expect(rows.get('xmpp-im')?.version).toBeUndefined();
    expect(rows.get('xep-0368')?.via).toBe('cs2023-core-advanced-server');
    expect(rows.get('xep-0280')?.via).toBe('cs2023-im-advanced-server');
    // two features of the IM table name XEP-0313: one row, both features, the MUC archive's note kept
    expect(rows.get('xep-0313')?.feature).toBe('Advanced Group Chat; History Storage / Retrieval');
    expect(rows.get('xep-0313')?.note).toMatch(/^Advanced Group Chat: history requested from a MUC archive/);
  });

  it('carry the footnotes as meaning: a component may provide a feature; the Advanced Server notes; no client-only footnote reaches a server row', () => {
    const rows = resolveLevel(findLevel('cs2023-im-advanced-server'), 'server', '6120');
    const byComponent = rows.filter((r) => r.component).map((r) => r.spec).sort();
    expect(byComponent).toEqual(['xep-0045', 'xep-0048', 'xep-0049', 'xep-0223', 'xep-0249', 'xep-0313', 'xep-0363', 'xep-0402', 'xep-0410']);
    for (const r of rows.filter((x) => x.component)) expect(r.note).toContain(CS2023.footnotes.component.meaning);
    expect(rows.find((r) => r.spec === 'xep-0163')?.note).toBe(CS2023.footnotes.pubsubjid.meaning);
    expect(rows.find((r) => r.spec === 'xep-0368')?.note).toBe('Server support of XEP-0368 means having the ability to accept direct TLS connections.');
    const web = resolveLevel(findLevel('cs2023-web-server'), 'server', '6120');
    expect(web.filter((r) => r.component).map((r) => r.spec)).toEqual(['rfc7395', 'xep-0206', 'xep-0124']);
    // &onlyone;, &usecases;, &nocli; and &avatar; are on client cells only: every provider of a server cell is required
    const serverRows = SERIES[1]!.levels.flatMap((l) => resolveLevel(l, 'server', '6120'));
    expect(serverRows.filter((r) => r.oneOf || r.scope)).toEqual([]);
  });

  it('make a one-of footnote a group whose alternatives bring what they run over', () => {
    const suite: ComplianceSuite = {
      ...CS2023, shortname: 'cs2099', roles: ['server'],
      categories: [{
        id: 'web', title: 'Web', anchor: 'web', buildsOn: [],
        features: [{
          feature: 'Web Connection Mechanisms',
          providers: [{ doc: 'RFC 7395' }, { doc: 'XEP-0206', seeAlso: ['XEP-0124'] }],
          cells: { server: { mark: 'yes', footnotes: ['onlyone'] }, client: 'n/a', advancedServer: 'no', advancedClient: 'n/a' },
        }],
      }],
      shown: [],
    };
    const [level] = levelsOf(suite);
    expect(level!.specs.map((s) => [s.spec, s.oneOf?.alternative])).toEqual([['rfc7395', 'RFC 7395'], ['xep-0206', 'XEP-0206'], ['xep-0124', 'XEP-0206']]);
    expect(new Set(level!.specs.map((s) => s.oneOf?.group))).toEqual(new Set(['Web Connection Mechanisms']));
  });
});

describe('the roll-up of a one-of group (XEP-0479 &onlyone;)', () => {
  const member = (spec: ResolvedSpec['spec'], alternative: string, verdict: SpecVerdict): SpecOutcome => ({
    row: { spec, requirement: 'REQUIRED', via: 'cs2023-web-server', oneOf: { group: 'Web Connection Mechanisms', alternative } },
    name: spec,
    verdict,
  });
  const websocket = (v: SpecVerdict) => member('rfc7395', 'RFC 7395', v);
  const bosh = (v: SpecVerdict, over: SpecVerdict = v) => [member('xep-0206', 'XEP-0206', v), member('xep-0124', 'XEP-0206', over)];

  it('passes when one alternative passes and the other is absent: one requirement, met', () => {
    expect(levelVerdict([websocket('pass'), ...bosh('absent')])).toEqual({ verdict: 'pass', reasons: [], warnings: [] });
    expect(levelVerdict([websocket('absent'), ...bosh('pass')]).verdict).toBe('pass');
  });

  it('warns, and still passes, when an alternative the target offers fails while another meets the group', () => {
    const judged = levelVerdict([websocket('fail'), ...bosh('pass')]);
    expect(judged.verdict).toBe('pass');
    expect(judged.warnings).toEqual(['RFC 7395 failed (Web Connection Mechanisms: one of its providers suffices, and XEP-0206 met it)']);
  });

  it('fails when no alternative is met; an alternative holds only when all it runs over holds', () => {
    expect(levelVerdict([websocket('absent'), ...bosh('absent')]).verdict).toBe('fail');
    const judged = levelVerdict([websocket('absent'), ...bosh('pass', 'fail')]);
    expect(judged.verdict).toBe('fail');
    expect(judged.reasons).toEqual(['Web Connection Mechanisms: one of RFC 7395 (absent), XEP-0206 (fail) (REQUIRED) failed']);
  });

  it('is incomplete when the best alternative could not be decided', () => {
    expect(levelVerdict([websocket('incomplete'), ...bosh('absent')]).verdict).toBe('incomplete');
    expect(groupOneOf([websocket('incomplete'), ...bosh('fail')]).outcomes.map((o) => o.verdict)).toEqual(['incomplete']);
  });

  it('counts as one spec beside the others, which keep their own verdicts', () => {
    const other: SpecOutcome = { row: { spec: 'xep-0030', requirement: 'REQUIRED', via: 'cs2023-core-server' }, name: 'XEP-0030', verdict: 'fail' };
    expect(groupOneOf([other, websocket('pass'), ...bosh('absent')]).outcomes.map((o) => o.name)).toEqual(['XEP-0030', 'Web Connection Mechanisms: one of RFC 7395 (pass), XEP-0206 (absent)']);
    expect(levelVerdict([other, websocket('pass'), ...bosh('absent')]).verdict).toBe('fail');
  });

  it('under --only, fails on a broken alternative only when no other meets the group', () => {
    // each selected spec had a case run (a selection of nothing decides nothing)
    const withCases = (o: SpecOutcome) => ({ ...o, cases: [caseResult('X-1', 'pass', { spec: o.row.spec })] });
    expect(selectionVerdict([websocket('fail'), ...bosh('pass')].map(withCases)).verdict).toBe('pass');
    expect(selectionVerdict([websocket('fail'), ...bosh('absent')].map(withCases)).verdict).toBe('fail');
  });
});

describe('--level and --core with the 2023 levels', () => {
  it('takes the XEP number with the category and level, with or without the role, and the shortname', () => {
    expect(findLevel('xep-0479-im-advanced').id).toBe('cs2023-im-advanced-server');
    expect(findLevel('XEP-0479-IM-Advanced-Server').id).toBe('cs2023-im-advanced-server');
    expect(findLevel('cs2023-mobile').id).toBe('cs2023-mobile-server');
    expect(findLevel('xep0479-core-advanced').id).toBe('cs2023-core-advanced-server');
    expect(findLevel('xep-0479-av').id).toBe('cs2023-av-server');
  });

  it('asks which level XEP-0479 alone means, naming them all', () => {
    expect(() => findLevel('xep-0479')).toThrow(/^XEP-0479 defines 10 levels; say which: --level cs2023-core-server, .* or --level cs2023-av-advanced-server$/);
    expect(() => findLevel('0479')).toThrow(/defines 10 levels/);
  });

  it('judges them under RFC 6120/6121 only: --core 3920 is one line of usage error, leaving it out means 6120', () => {
    const level = findLevel('cs2023-im-server');
    expect(levelBaseline(level, undefined)).toBe('6120');
    expect(levelBaseline(level, '6120')).toBe('6120');
    expect(() => levelBaseline(level, '3920')).toThrow(LevelError);
    expect(() => levelBaseline(level, '3920')).toThrow(/^cs2023-im-server \(XEP-0479\) is judged under RFC 6120\/6121 only, not under --core 3920 \(leave it out\)$/);
    expect(() => listCommand(SUITES, { level: 'xep-0479-im', core: '3920' })).toThrow(LevelError);
    // the 2007–2009 levels keep their default and their choice
    expect(levelBaseline(findLevel('core-server'), undefined)).toBe('3920');
    expect(levelBaseline(findLevel('core-server'), '6120')).toBe('6120');
  });

  it('are listed under their own heading by `levels`, after the 2007–2009 ones, under RFC 6120 whatever --core says', () => {
    const text = levelsCommand({ core: '3920' });
    const old = text.indexOf('The XSF compliance levels of 2007–2009');
    const modern = text.indexOf('XMPP Compliance Suites 2023 (XEP-0479 v0.1.0, 2023-05-04, Experimental)');
    expect(old).toBeGreaterThanOrEqual(0);
    expect(modern).toBeGreaterThan(text.indexOf('advanced-server  XEP-0243'));
    expect(text.indexOf('cs2023-core-server  XEP-0479')).toBeGreaterThan(modern);
    const json = JSON.parse(levelsCommand({ core: '3920', json: true })) as { levels: { id: string; baseline: string; series: string; specs: { spec: string }[] }[] };
    const im = json.levels.find((l) => l.id === 'cs2023-im-server')!;
    expect(im.baseline).toBe('6120');
    expect(im.specs.map((s) => s.spec)).toContain('RFC 6121');
    expect(json.levels.find((l) => l.id === 'core-server')!.baseline).toBe('3920');
  });

  it('list the specs without cases yet after the cases of the level', () => {
    const text = listCommand(SUITES, { level: 'cs2023-av-server' });
    expect(text.split('\n')[0]).toMatch(/^cs2023-av-server \(XEP-0479 XMPP A\/V Calling Server 2023\), server role, RFC 6120 baseline: \d+ cases/);
    const noCases = SUITES.some((s) => s.spec === 'xep-0215' && s.role === 'server' && s.cases.length > 0);
    if (!noCases) expect(text).toMatch(/no cases yet for: .*XEP-0215/);
  });
});
