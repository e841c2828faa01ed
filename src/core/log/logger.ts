/**
 * A small levelled logger shared by the app, the worker and the CLI.
 * The host sets the level once (`setLogLevel`); modules create named loggers.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
let currentLevel: LogLevel = 'warn';

export function setLogLevel(level: LogLevel): void {
  currentLevel = level;
}

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Returns a logger whose lines start with `[name]`. */
export function getLogger(name: string): Logger {
  const emit = (level: Exclude<LogLevel, 'silent'>, args: unknown[]) => {
    if (ORDER[level] < ORDER[currentLevel]) return;
    const sink = console[level];
    sink(`[${name}]`, ...args);
  };
  return {
    debug: (...a) => emit('debug', a),
    info: (...a) => emit('info', a),
    warn: (...a) => emit('warn', a),
    error: (...a) => emit('error', a),
  };
}
