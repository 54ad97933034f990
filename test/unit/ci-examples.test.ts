import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { findLevel } from '../../src/catalogue/levels.js';
import { buildProgram } from '../../src/cli.js';
import { ROOT } from '../support/cli.js';

/**
 * The CI examples in docs/ci/ call the tool the way a user's pipeline will: each command must
 * exist, with options the program knows and a level it has, and the merge must read the report
 * of every target the matrix certifies. Placeholders ({name}) stand for the matrix's variables.
 */

interface Invocation {
  command: Command;
  args: string[];
}

const program = buildProgram();
const readYaml = (file: string): Record<string, unknown> => YAML.parse(fs.readFileSync(path.join(ROOT, 'docs/ci', file), 'utf8')) as Record<string, unknown>;

/** Shell words, quotes removed (no expansion: $VAR stays as written). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** Every xmpp-certify command line in a script, as the program would parse it. */
function invocations(script: string): Invocation[] {
  return script.replace(/\\\n/g, ' ').split(/\n|&&|;|\|/).map(shellWords)
    .filter((words) => words[0] === 'xmpp-certify')
    .map(([, ...args]) => {
      const sub = program.commands.find((c) => c.name() === args[0]);
      return sub ? { command: sub, args: args.slice(1) } : { command: program.commands.find((c) => c.name() === 'run')!, args };
    });
}

function optionValue(args: string[], option: string): string | undefined {
  const i = args.indexOf(option);
  return i >= 0 ? args[i + 1] : undefined;
}

/** What every example must hold to: known options, a known level, a merge of every target's report. */
function checkExample(scripts: string[], targetNames: string[]): void {
  const calls = scripts.flatMap(invocations);
  const runs = calls.filter((c) => c.command.name() === 'run');
  const merges = calls.filter((c) => c.command.name() === 'merge');
  expect(runs).toHaveLength(1);
  expect(merges).toHaveLength(1);
  for (const { command, args } of calls) {
    const { operands, unknown } = command.parseOptions(args);
    expect(unknown, `${command.name()} ${args.join(' ')}`).toEqual([]);
    if (command.name() === 'run') expect(operands).toEqual([]);
  }
  const run = runs[0]!.args;
  expect(() => findLevel(optionValue(run, '--level') ?? '')).not.toThrow();
  expect(optionValue(run, '--target')).toMatch(/^\{\w+\}=/);
  const reportOf = optionValue(run, '--json')!;
  const nameVariable = /^\{(\w+)\}=/.exec(optionValue(run, '--target')!)![1]!;
  expect(reportOf).toContain(`{${nameVariable}}`);
  const mergedFiles = merges[0]!.command.parseOptions(merges[0]!.args).operands;
  expect(targetNames.length).toBeGreaterThan(1);
  expect(mergedFiles).toEqual(targetNames.map((name) => reportOf.replace(`{${nameVariable}}`, name)));
}

describe('the GitHub Actions example', () => {
  const workflow = readYaml('github-actions.yml') as { jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[]; strategy?: { matrix: { include: Record<string, string>[] } }; needs?: string; if?: string }> };
  // ${{ matrix.name }} becomes {name}
  const scripts = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, '{$1}')] : [])));

  it('calls the tool with options it has, and merges the report of every target of the matrix', () => {
    const { certify } = workflow.jobs;
    checkExample(scripts, certify!.strategy!.matrix.include.map((entry) => entry.name!));
  });

  it('merges after every certify job, also when a target failed, and publishes the JUnit file', () => {
    const { merge } = workflow.jobs;
    expect(merge).toMatchObject({ needs: 'certify', if: 'always()' });
    const junit = merge!.steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(junit?.with?.report_paths).toBe(optionValue(invocations(scripts.join('\n')).find((c) => c.command.name() === 'merge')!.args, '--junit'));
  });
});

describe('the GitLab CI example', () => {
  const pipeline = readYaml('gitlab-ci.yml') as Record<string, { script?: string[]; before_script?: string[]; parallel?: { matrix: Record<string, string>[] }; when?: string; stage?: string; artifacts?: { reports?: { junit?: string } } }>;
  const jobs = Object.entries(pipeline).filter(([, job]) => typeof job === 'object' && job !== null && !Array.isArray(job));
  // $TARGET_NAME and ${TARGET_NAME} become {TARGET_NAME}
  const scripts = jobs.flatMap(([, job]) => [...(job.before_script ?? []), ...(job.script ?? [])]).map((s) => s.replace(/\$\{?(\w+)\}?/g, '{$1}'));

  it('calls the tool with options it has, and merges the report of every target of the matrix', () => {
    checkExample(scripts, pipeline.certify!.parallel!.matrix.map((entry) => entry.TARGET_NAME!));
  });

  it('merges in a later stage, also when a target failed, and gives GitLab the merged JUnit file', () => {
    const merge = pipeline.merge!;
    expect(merge.when).toBe('always');
    const stages = pipeline.stages as unknown as string[];
    expect(stages.indexOf(merge.stage!)).toBeGreaterThan(stages.indexOf(pipeline.certify!.stage!));
    const mergeArgs = invocations(scripts.join('\n')).find((c) => c.command.name() === 'merge')!.args;
    expect(merge.artifacts?.reports?.junit).toBe(optionValue(mergeArgs, '--junit'));
  });
});

describe('the check itself', () => {
  it('catches an option the program does not have, and a command it does not have', () => {
    const [misspelt] = invocations('xmpp-certify merge a.json --junti x.xml');
    expect(misspelt!.command.parseOptions(misspelt!.args).unknown).toEqual(['--junti', 'x.xml']);
    const [unknownCommand] = invocations('xmpp-certify merj a.json');
    expect(unknownCommand!.command.name()).toBe('run');
    expect(unknownCommand!.command.parseOptions(unknownCommand!.args).operands).toEqual(['merj', 'a.json']);
  });
});
