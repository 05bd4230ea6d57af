export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logs: one JSON object per line, `event` namespaced `<component>.<event>`. */
export interface Logger {
  log(level: LogLevel, event: string, detail?: Readonly<Record<string, unknown>>): void;
  child(bindings: Readonly<Record<string, unknown>>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const createJsonLogger = ({
  level = 'info',
  write = (line: string) => void process.stderr.write(line),
  bindings = {},
}: { level?: LogLevel; write?: (line: string) => void; bindings?: Readonly<Record<string, unknown>> } = {}): Logger => ({
  log(l, event, detail = {}) {
    if (ORDER[l] < ORDER[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: l, event, ...bindings, ...detail })}\n`);
  },
  child: (more) => createJsonLogger({ level, write, bindings: { ...bindings, ...more } }),
});
