import type { CaseResult, RunReport } from './model.js';

/**
 * Shows a run's progress on stderr: on a terminal one line rewritten in place
 * ("[37/140] XEP-0045 …"); elsewhere (CI logs) plain lines: each case that did not pass, and a
 * count every tenth of the way.
 */
export class Progress {
  private done = 0;
  private nextMark = 0.1;
  private readonly live: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    this.live = Boolean(out.isTTY) && !process.env.CI;
  }

  update(report: RunReport, latest?: CaseResult): void {
    if (!latest) return;
    this.done++;
    const total = Math.max(report.planned, this.done);
    const head = `[${this.done}/${total}]`;
    if (this.live) {
      const line = `${head} ${latest.specName} ${latest.id}`;
      this.out.write(`\r\u001b[2K${line.slice(0, (this.out.columns || 80) - 1)}`);
      return;
    }
    // findings and errors as they come; skips (a run that cannot start skips every case alike) only in the count
    if (latest.verdict !== 'pass' && latest.verdict !== 'skip') this.out.write(`${head} ${latest.verdict.toUpperCase()} ${latest.id} [${latest.transport}]: ${latest.reason ?? ''}\n`);
    if (this.done / total >= this.nextMark) {
      this.out.write(`${head} ${Math.floor((this.done / total) * 100)}% done\n`);
      while (this.done / total >= this.nextMark) this.nextMark += 0.1;
    }
  }

  finish(): void {
    if (this.live && this.done > 0) this.out.write('\r\u001b[2K');
  }
}
