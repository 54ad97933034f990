import type { Command } from 'commander';
import { didYouMean } from './suggest.js';

/** What `xmpp-certify --help` adds below the commands: the run's own options, examples, exit codes. */
export function programHelpTail(program: Command): string {
  const run = program.commands.find((c) => c.name() === 'run')!;
  const options = run.helpInformation().split('\n');
  const from = options.findIndex((line) => line.startsWith('Options:'));
  return [
    '',
    'Run options (the default command: "xmpp-certify --level …" is "xmpp-certify run --level …"):',
    ...options.slice(from + 1).filter((line) => line.trim() !== ''),
    '',
    'Examples:',
    '  xmpp-certify levels',
    '  xmpp-certify list --level intermediate-server',
    '  xmpp-certify --level intermediate-server --target xmpp.example.org --register --junit certify.xml',
    '  xmpp-certify --level advanced-server --target xmpp.example.org --account a@example.org:pw1 \\',
    '    --account b@example.org:pw2 --account c@example.org:pw3 --bosh-url https://xmpp.example.org:5281/http-bind',
    '  xmpp-certify --level xep-0045 --target xmpp.example.org --register --only XEP0045-7.2',
    '  xmpp-certify --level advanced-client --listen 127.0.0.1:5222 --account alice@localhost:secret',
    '  xmpp-certify compare old.json new.json',
    '  xmpp-certify merge prosody.json ejabberd.json --html matrix.html',
    '',
    'Exit codes:',
    '  0  the level passed (with --only: the selected cases passed)',
    '  1  the level failed: the target broke a requirement of a REQUIRED spec (compare: a regression)',
    '  2  incomplete or not certified: tool or environment errors, a target there is nothing to',
    '     certify on, an interrupted run (SIGINT, SIGTERM, --timeout), or a usage error',
    '',
    'NO_COLOR=1 or --no-color: no colours.',
  ].join('\n');
}

/**
 * A first word that is neither a command nor an option would reach the default command as an
 * argument ("too many arguments"): name it as the unknown command it probably is.
 */
export function unknownCommand(program: Command, args: readonly string[]): string | undefined {
  const word = args[0];
  if (word === undefined || word.startsWith('-')) return undefined;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (names.includes(word) || word === 'help') return undefined;
  return `unknown command "${word}"${didYouMean(word, [...names, 'help'])}; the commands are ${names.join(', ')}`;
}

/** Commander's error text ("error: unknown option '--levle'\n(Did you mean --level?)") as one line. */
export function oneLineError(text: string): string {
  return text.trim().replace(/^error: /, '').replace(/\s*\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)').replace(/\s*\n\s*/g, ' ');
}
