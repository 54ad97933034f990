import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine's rooms keep to their jobs: the wire (xml, transport, session, evidence) knows
 * nothing of cases or reports, the catalogue is data, and no module needs another that needs it
 * back. Type-only imports count: a cycle of types is still a knot a newcomer has to untie.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The project files a module imports (relative imports, .js resolved to .ts). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!);
  return specifiers.map((s) => path.normalize(path.join(path.dirname(file), s.replace(/\.js$/, '.ts'))));
}

const graph = new Map(sources('src').map((f) => [f, importsOf(f)]));

describe('the engine', () => {
  it('has modules to look at, and their imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/engine/runner.ts')).toContain('src/engine/context.ts');
    expect(graph.get('src/report/model.ts')).toContain('src/vocabulary.ts');
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' > '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    expect(graph.size, 'modules to look at').toBeGreaterThan(0);
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it.each([
    ['src/xml', ['src/transport', 'src/session', 'src/engine', 'src/report', 'src/cli', 'src/host', 'suites']],
    ['src/transport', ['src/engine', 'src/report', 'src/cli', 'src/host', 'suites']],
    ['src/session', ['src/engine', 'src/report', 'src/cli', 'src/host', 'suites']],
    ['src/evidence', ['src/engine', 'src/report', 'src/cli', 'suites']],
    ['src/catalogue', ['src/engine', 'src/report', 'src/cli', 'src/session', 'suites']],
    ['src/engine', ['src/cli', 'suites']],
    ['src/report', ['src/engine', 'src/cli', 'suites']],
  ])('%s imports nothing from %j', (dir, forbidden) => {
    expect([...graph.keys()].filter((file) => file.startsWith(`${dir}/`)).length, `modules in ${dir}`).toBeGreaterThan(0);
    const offending = [...graph].flatMap(([file, imports]) => (file.startsWith(`${dir}/`) ? imports.filter((i) => forbidden.some((f) => i.startsWith(`${f}/`))).map((i) => `${file} → ${i}`) : []));
    expect(offending).toEqual([]);
  });
});
