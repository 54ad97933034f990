#!/usr/bin/env node
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { SUITES } from '../suites/index.js';
import { LevelError } from './catalogue/levels.js';
import { TOOL_VERSION } from './engine/certify.js';
import { compareCommand, type CompareFlags } from './cli/compare.js';
import { oneLineError, programHelpTail, unknownCommand } from './cli/help.js';
import { levelsCommand, listCommand } from './cli/info.js';
import { mergeCommand, type MergeFlags } from './cli/merge.js';
import { concurrencyBounds, positiveNumber, wholeNumber, UsageError } from './cli/parse.js';
import { ADAPTIVE_CONCURRENCY } from './engine/throttle.js';
import { EXIT, runCommand, type RunFlags } from './cli/run.js';
import { DEFAULT_JUNIT_OPTIONS, JUNIT_WARNING_MODES } from './report/junit.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const coreOption = (): Option => new Option('--core <rfc>', 'RFC baseline of the 2007–2009 levels: 3920 (their texts, the default) or 6120; the 2023 levels are judged under 6120 only').choices(['3920', '6120']);
const roleOption = (): Option => new Option('--role <role>', 'role under test, for levels that have both').choices(['server', 'client']);
const junitWarningsOption = (): Option => new Option('--junit-warnings <as>', 'how a warning (a SHOULD not met) shows in the JUnit report: skipped, with its reason (fails no build); failure (for pipelines strict on SHOULDs); or pass (its reason first in the case\'s output)')
  .choices([...JUNIT_WARNING_MODES]).default(DEFAULT_JUNIT_OPTIONS.warnings);

export function buildProgram(): Command {
  const program = new Command('xmpp-certify')
    .description('Certify XMPP servers and clients against the XSF compliance levels of 2007–2009 and the server levels of the Compliance Suites 2023 (XEP-0479), by behaviour.')
    .version(TOOL_VERSION)
    .option('--no-color', 'no colours (NO_COLOR=1 does the same)')
    .configureOutput({ outputError: (text, write) => write(`xmpp-certify: ${oneLineError(text)} (see "xmpp-certify --help")\n`) })
    .exitOverride();

  program.command('run', { isDefault: true })
    .description('certify a target at a level (the default command)')
    .option('--level <level>', 'level to certify: id or XEP number (see "xmpp-certify levels")')
    .addOption(roleOption())
    .option('--config <file>', 'settings and targets from a JSON or YAML file (default: xmpp-certify.config.{json,yaml} if present)')
    .option('--target <[name=]host[:port]>', 'a server to certify (port 5222 by default); repeat it for a matrix of targets', collect, [])
    .option('--domain <[name=]domain>', 'XMPP domain served (defaults to the target host name)', collect, [])
    .option('--account <[name=]jid:password>', 'an existing account to test with; repeat it (2 or more for multi-party cases)', collect, [])
    .option('--account-file <file>', 'accounts, one "JID PASSWORD" per line')
    .option('--register', 'create throw-away accounts with XEP-0077 in-band registration, deleted at the end')
    .option('--ca <file>', 'trust this CA certificate (PEM) for STARTTLS; repeatable', collect, [])
    .option('--insecure-tls', 'do not verify the server certificate (the reports say so)')
    .addOption(coreOption())
    .option('--json <file>', 'write the JSON report here')
    .option('--junit <file>', 'write the JUnit XML report here')
    .addOption(junitWarningsOption())
    .option('--html <file>', 'write a self-contained HTML report here')
    .option('--markdown <file>', 'write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--badge-dir <dir>', 'write a shields.io endpoint badge per target here, as DIR/NAME.json')
    .option('--waivers <file>', 'known deviations to accept: JSON or YAML list of {id, reason, expires?, target?, transport?}; unknown keys, case IDs and targets are errors')
    .option('--report-dir <dir>', 'where reports go when neither --json nor --junit is given', 'reports')
    .option('--bosh-url <[name=]url>', 'the BOSH connection manager (XEP-0124/0206), e.g. https://example.org:5281/http-bind', collect, [])
    .option('--websocket-url <[name=]url>', "the WebSocket endpoint (RFC 7395), e.g. wss://example.org:5281/xmpp-websocket; by default the one the domain's host-meta names", collect, [])
    .option('--direct-tls <[name=]host:port>', 'the direct TLS endpoint (XEP-0368), e.g. xmpp.example.org:5223; by default the _xmpps-client._tcp SRV record of the domain', collect, [])
    .option('--host-meta-url <[name=]url>', "where the domain's host-meta is (XEP-0156), when not at https://DOMAIN/.well-known/host-meta", collect, [])
    .option('--transport <kinds>', 'comma-separated tcp, bosh, zlib, websocket, directtls; or auto: TCP, plus each other transport the level names (XEP-0206, XEP-0138, RFC 7395, XEP-0368) whose endpoint is known', 'auto')
    .option('--no-progress', 'do not show progress on stderr')
    .option('-v, --verbose', 'list every case under its spec, not only the ones that did not pass, with full-length lines')
    .option('-q, --quiet', 'print only the verdict and why it is not a pass: no progress, no table')
    .option('--slow', 'also run cases that wait on server timers (inactivity timeouts, retry limits): minutes, not seconds')
    .option('--only <id-prefix>', 'run only cases whose ID starts with this; repeatable. The verdict is then on those cases (exit 0 when they pass), not on the level', collect, [])
    .option('--fail-on-not-run', 'exit 2 when a case was not run (too few accounts, no user action), even if everything else passed')
    .option('--no-session-reuse', 'log in anew for every case, instead of handing quiet logged-in sessions (no presence, roster fetch, privacy list, …) to later cases of the same account')
    .addOption(new Option('--concurrency <n|min-max>', 'cases run at once: N at most, or a range to adapt within (more while the cases wait on the target, fewer on signs of overload)').default(ADAPTIVE_CONCURRENCY, '1-64, starting at 8').argParser(concurrencyBounds('--concurrency')))
    .addOption(new Option('--reruns <n>', 'runs a failing case this many more times, after the others, before judging it: a target that fails only now and then is reported as intermittent (0: judge the first run)').default(2).argParser(wholeNumber('--reruns')))
    .addOption(new Option('--timeout <seconds>', 'deadline for the whole run').default(600).argParser(positiveNumber('--timeout')))
    .addOption(new Option('--case-timeout <seconds>', 'deadline for one case').default(30).argParser(positiveNumber('--case-timeout')))
    .addOption(new Option('--step-timeout <seconds>', 'deadline for one step (a reply, a handshake)').default(5).argParser(positiveNumber('--step-timeout')))
    .addOption(new Option('--silence <seconds>', 'how long to watch for something that must not arrive').default(1).argParser(positiveNumber('--silence')))
    .addOption(new Option('--max-stanza-size <chars>', 'largest element accepted from the target').default(1_000_000).argParser(positiveNumber('--max-stanza-size')))
    .option('--listen <host:port>', 'client levels: be the server of the client under test, which logs in here as --account')
    .option('--peer <jid>', 'client levels: probe the client at this full JID from --account on its own server (--target)')
    .option('--tls-cert <file>', 'with --listen: the certificate (PEM) to present; a self-signed one is made otherwise')
    .option('--tls-key <file>', 'with --listen: its private key (PEM)')
    .option('--exec <command>', 'client levels: run this for each user action, with the action as JSON in XMPP_CERTIFY_ACTION (exit 0 done, 3 cannot)')
    .option('--non-interactive', 'client levels: skip cases that need a user action instead of asking for it (the default without --exec and without a terminal)')
    .addOption(new Option('--action-timeout <seconds>', 'how long a user action may take, proof included').default(60).argParser(positiveNumber('--action-timeout')))
    .addOption(new Option('--client-timeout <seconds>', 'with --listen: how long to wait for the client to log in').default(120).argParser(positiveNumber('--client-timeout')))
    .action(async (flags: RunFlags, command: Command) => {
      const code = await runCommand(flags, (name) => command.getOptionValueSource(name) === 'cli', SUITES, process.argv.slice(2));
      // the reports are written: a connection the target still holds open must not keep the tool alive
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      process.exit(code);
    });

  program.command('levels')
    .description('print the levels (2007–2009, then the Compliance Suites 2023) and the specs each one names')
    .addOption(coreOption())
    .option('--json', 'as JSON')
    .action((flags: { core?: '3920' | '6120'; json?: boolean }) => {
      process.stdout.write(`${levelsCommand(flags)}\n`);
    });

  program.command('list')
    .description('print every case a level would run, without connecting (a dry run)')
    .requiredOption('--level <level>', 'level id or XEP number')
    .addOption(roleOption())
    .addOption(coreOption())
    .option('--json', 'as JSON')
    .action((flags: { level: string; role?: 'server' | 'client'; core?: '3920' | '6120'; json?: boolean }) => {
      process.stdout.write(`${listCommand(SUITES, flags)}\n`);
    });

  program.command('compare')
    .description('what changed between two reports: specs no longer verified, new failures, fixes, cases no longer run, new and removed cases (exit 1 on regressions)')
    .argument('<old>', 'the earlier JSON report')
    .argument('<new>', 'the later JSON report')
    .option('--json', 'as JSON')
    .option('--force', 'compare reports of different levels, roles, baselines, selections or targets (the output says how they differ)')
    .option('--fail-on-not-run', 'cases that had a verdict and are no longer run are regressions too (exit 1)')
    .action((oldFile: string, newFile: string, flags: CompareFlags) => {
      const { output, code } = compareCommand(oldFile, newFile, flags);
      process.stdout.write(`${output}\n`);
      process.exitCode = code;
    });

  program.command('merge')
    .description('one matrix report from the JSON reports of separate runs (a CI job per target); exits as one run of them all would')
    .argument('<reports...>', 'JSON reports, of one target or of several')
    .option('--json <file>', 'write the merged JSON report here')
    .option('--junit <file>', 'write the merged JUnit XML report here')
    .addOption(junitWarningsOption())
    .option('--html <file>', 'write the merged HTML report here')
    .option('--markdown <file>', 'write the merged Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--badge-dir <dir>', 'write a shields.io endpoint badge per target here, as DIR/NAME.json')
    .option('-v, --verbose', 'list every case, not only the ones that did not pass')
    .option('-q, --quiet', 'print only the verdicts and why they are not a pass')
    .option('--fail-on-not-run', 'exit 2 when a case was not run, as the runs with --fail-on-not-run did')
    .action((files: string[], flags: MergeFlags) => {
      process.exitCode = mergeCommand(files, flags, process.argv.slice(2));
    });

  program.addHelpText('after', () => programHelpTail(program));
  return program;
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * A promise a case left unhandled (a request still in flight when the case ended) must not end
 * the whole run: the results so far matter more. It is reported in one line and the run goes on.
 */
function keepRunningOnStrayErrors(): void {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`xmpp-certify: ignored an error no case was waiting for: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  });
}

/**
 * A reader that goes away early (`xmpp-certify list … | head`) is not an error of the tool:
 * stop quietly instead of dying on EPIPE with a stack trace.
 */
function stopQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
}

async function main(): Promise<void> {
  keepRunningOnStrayErrors();
  stopQuietlyWhenOutputCloses();
  const args = process.argv.slice(2);
  // no-color.org: any non-empty NO_COLOR; chalk reads --no-color itself
  if (process.env.NO_COLOR) chalk.level = 0;
  const program = buildProgram();
  if (args.length === 0) {
    // nothing asked: say how to ask, as a usage error (a script that forgot its arguments must not pass)
    process.stderr.write(program.helpInformation());
    process.exitCode = EXIT.incomplete;
    return;
  }
  try {
    const unknown = unknownCommand(program, args);
    if (unknown) throw new UsageError(unknown);
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; everything else commander reports is a usage error
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.incomplete;
      return;
    }
    if (err instanceof UsageError || err instanceof LevelError) {
      // one line per problem, each one naming the tool
      for (const line of err.message.split('\n')) process.stderr.write(`xmpp-certify: ${line}\n`);
      process.exitCode = EXIT.incomplete;
      return;
    }
    process.stderr.write(`xmpp-certify: internal error: ${(err as Error).message}\n`);
    process.exitCode = EXIT.incomplete;
  }
}

/**
 * Whether node was asked to run this file (through a symlink such as node_modules/.bin, or
 * without its .js), rather than a test importing it to read the program's commands and options.
 */
function runAsProgram(): boolean {
  const self = fileURLToPath(import.meta.url);
  const given = process.argv[1];
  return Boolean(given) && [given!, `${given}.js`].some((file) => fs.existsSync(file) && fs.realpathSync(file) === self);
}

if (runAsProgram()) await main();
