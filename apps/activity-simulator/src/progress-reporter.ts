import { formatProgress, totalRows, type TrafficTotals } from '@eap/activity-traffic';

/**
 * The live progress line: redrawn every second on a terminal, one line every `everySeconds`
 * otherwise (a log file), and a last line when the run ends.
 */
export const createProgressReporter = ({
  targetRate,
  everySeconds,
  out = process.stdout,
}: {
  targetRate: number;
  everySeconds: number;
  out?: NodeJS.WriteStream;
}) => {
  const tty = out.isTTY === true;
  const started = performance.now();
  let totals: TrafficTotals = { rows: { insert: 0, update: 0, delete: 0 }, transactions: 0, errors: 0 };
  let lastError: string | undefined;
  let mark = { at: started, rows: 0 };
  const line = () => {
    const now = performance.now();
    const rows = totalRows(totals);
    const currentRate = now > mark.at ? ((rows - mark.rows) * 1000) / (now - mark.at) : 0;
    mark = { at: now, rows };
    const text = formatProgress({ elapsedSeconds: (now - started) / 1000, totals, currentRate, targetRate, ...(lastError ? { lastError } : {}) });
    lastError = undefined;
    return text;
  };
  const timer = setInterval(() => out.write(tty ? `\r\x1b[2K${line()}` : `${line()}\n`), (tty ? 1 : everySeconds) * 1000);
  timer.unref();
  return {
    update(next: TrafficTotals, error?: Error) {
      totals = next;
      if (error) lastError = error.message;
    },
    finish(reason: string) {
      clearInterval(timer);
      mark = { at: started, rows: 0 }; // the last line's rate is the whole run's
      out.write(`${tty ? '\r\x1b[2K' : ''}${line()}\n${reason}\n`);
    },
  };
};
