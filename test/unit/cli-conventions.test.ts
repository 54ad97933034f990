import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { oneLineError, programHelpTail, unknownCommand } from '../../src/cli/help.js';
import { fitLine, renderTerminal } from '../../src/report/terminal.js';
import { caseResult, runReport } from '../support/reports.js';

describe('help', () => {
  const tail = programHelpTail(buildProgram());

  it('shows the run options, examples and exit codes on the top-level help', () => {
    for (const option of ['--level <level>', '--target <[name=]host[:port]>', '--register', '--only <id-prefix>', '-q, --quiet']) expect(tail).toContain(option);
    expect(tail).toMatch(/Examples:\n {2}xmpp-certify levels\n/);
    expect(tail).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
  });

  it('has examples that use only options the commands know', () => {
    const program = buildProgram();
    const known = new Set(program.commands.flatMap((c) => c.options.flatMap((o) => [o.long, o.short])).filter(Boolean));
    const used = [...tail.slice(tail.indexOf('Examples:'), tail.indexOf('Exit codes:')).matchAll(/ (--?[a-z][\w-]*)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const option of used) expect(known, option).toContain(option);
  });
});

describe('mistakes on the command line', () => {
  const program = buildProgram();

  it('names a mistyped command and the nearest one', () => {
    expect(unknownCommand(program, ['levles'])).toBe('unknown command "levles" (did you mean "levels"?); the commands are run, levels, list, compare, merge');
    expect(unknownCommand(program, ['frobnicate'])).toMatch(/^unknown command "frobnicate"; the commands are/);
  });
  it('lets commands and options through', () => {
    expect(unknownCommand(program, ['levels'])).toBeUndefined();
    expect(unknownCommand(program, ['--level', 'basic-server'])).toBeUndefined();
    expect(unknownCommand(program, ['help', 'run'])).toBeUndefined();
  });
  it("puts commander's error and its suggestion on one line", () => {
    expect(oneLineError("error: unknown option '--levle'\n(Did you mean --level?)\n")).toBe("unknown option '--levle' (did you mean --level?)");
    expect(oneLineError("error: option '--core <rfc>' argument '9' is invalid.\nAllowed choices are 3920, 6120.\n")).toBe("option '--core <rfc>' argument '9' is invalid. Allowed choices are 3920, 6120.");
  });
});

describe('terminal output', () => {
  it('cuts a line to the width, colour codes aside, and resets the colour it cut', () => {
    expect(fitLine('short', 10)).toBe('short');
    expect(fitLine('0123456789abc', 10)).toBe('012345678…');
    const coloured = `\u001b[31m${'x'.repeat(20)}\u001b[39m tail`;
    const cut = fitLine(coloured, 8);
    expect(cut).toBe(`\u001b[31m${'x'.repeat(7)}…\u001b[0m`);
  });

  const report = runReport('t', [caseResult('X-1', 'fail', { reason: 'r'.repeat(300) }), caseResult('X-2', 'pass')], 'fail');

  it('fits every line to the terminal, unless verbose', () => {
    const visible = (text: string): number[] => text.split('\n').map((line) => line.replace(/\u001b\[[0-9;]*m/g, '').length);
    expect(Math.max(...visible(renderTerminal([report], { verbose: false })))).toBeGreaterThan(300);
    expect(Math.max(...visible(renderTerminal([report], { verbose: false, width: 80 })))).toBeLessThanOrEqual(80);
    expect(Math.max(...visible(renderTerminal([report], { verbose: true, width: 80 })))).toBeGreaterThan(300);
  });

  it('says only the verdict and why when quiet', () => {
    const quiet = renderTerminal([report], { verbose: false, quiet: true }).split('\n');
    expect(quiet[0]).toMatch(/^.*Level .*: .*FAIL/);
    expect(quiet.some((line) => line.includes('X-2'))).toBe(false);
    expect(quiet.length).toBe(1 + report.level.reasons.length + report.level.warnings.length);
  });
});
