import { describe, expect, it } from 'vitest';
import { SERIES, findLevel, resolveLevel, UnknownLevelError } from '../../src/catalogue/levels.js';

const specsOf = (id: string, role: 'server' | 'client', baseline: '3920' | '6120') =>
  Object.fromEntries(resolveLevel(findLevel(id), role, baseline).map((r) => [r.spec, r.requirement]));

describe('level catalogue', () => {
  it('has the ten levels of 2007–2009, each found by id and by XEP number', () => {
    expect(SERIES[0]!.levels.map((l) => l.id).sort()).toEqual([
      'advanced-client', 'advanced-server', 'basic-client', 'basic-im-suite', 'basic-server',
      'core-client', 'core-server', 'intermediate-client', 'intermediate-im-suite', 'intermediate-server',
    ]);
    expect(findLevel('xep-0216').id).toBe('intermediate-server');
    expect(findLevel('XEP-0212').id).toBe('basic-server');
    expect(findLevel('0073').id).toBe('basic-im-suite');
    expect(findLevel('xep-0243-advanced').id).toBe('advanced-server');
  });

  it('asks which level when an XEP defines two, and names the known ones for a typo', () => {
    expect(() => findLevel('xep-0243')).toThrow(/core-server or --level advanced-server/);
    expect(() => findLevel('intermediate-sever')).toThrow(UnknownLevelError);
  });

  it('intermediate-server builds on basic-server (XEP-0216 over XEP-0212)', () => {
    const specs = specsOf('intermediate-server', 'server', '6120');
    expect(specs).toMatchObject({
      'xmpp-core': 'REQUIRED', 'xmpp-im': 'REQUIRED', 'xep-0030': 'REQUIRED',
      'xep-0016': 'REQUIRED', 'xep-0045': 'REQUIRED', 'xep-0054': 'REQUIRED', 'xep-0163': 'RECOMMENDED',
      'xep-0078': 'RECOMMENDED', 'xep-0086': 'RECOMMENDED', 'xep-0138': 'RECOMMENDED',
      'xep-0092': 'INFORMATIONAL', 'xep-0199': 'INFORMATIONAL',
    });
  });

  it('requires privacy lists at every server level under RFC 3921 (§10), not under RFC 6121', () => {
    expect(specsOf('core-server', 'server', '3920')['xep-0016']).toBe('REQUIRED');
    expect(specsOf('core-server', 'server', '6120')['xep-0016']).toBeUndefined();
    expect(specsOf('basic-server', 'server', '3920')['xep-0016']).toBe('REQUIRED');
  });

  it('advanced-server requires XEP-0016 and XEP-0191 both, BOSH, and PEP', () => {
    const specs = specsOf('advanced-server', 'server', '6120');
    for (const spec of ['xep-0016', 'xep-0191', 'xep-0045', 'xep-0054', 'xep-0124', 'xep-0206', 'xep-0163']) {
      expect(specs[spec]).toBe('REQUIRED');
    }
    expect(specs['xep-0138']).toBeUndefined();
  });

  it('XEP-0073 differs by role: XEP-0078 recommended for servers, not recommended for clients; XEP-0115 only for clients', () => {
    expect(specsOf('basic-im-suite', 'server', '3920')).toMatchObject({ 'xep-0078': 'RECOMMENDED', 'xep-0077': 'RECOMMENDED' });
    expect(specsOf('basic-im-suite', 'server', '3920')['xep-0115']).toBeUndefined();
    expect(specsOf('basic-im-suite', 'client', '3920')).toMatchObject({ 'xep-0078': 'NOT RECOMMENDED', 'xep-0115': 'REQUIRED' });
  });

  it('client levels restrict MUC to the entity and occupant use cases', () => {
    const row = resolveLevel(findLevel('advanced-client'), 'client', '3920').find((r) => r.spec === 'xep-0045');
    expect(row?.scope).toEqual(['entity', 'occupant']);
    expect(specsOf('intermediate-client', 'client', '3920')['xep-0115']).toBe('RECOMMENDED');
    expect(specsOf('advanced-client', 'client', '3920')['xep-0115']).toBe('REQUIRED');
  });
});
