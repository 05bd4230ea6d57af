/** A log4j2 properties file that writes to stdout (redirected to the component's log file). */
export const log4jConfig = (quiet: Readonly<Record<string, 'WARN' | 'ERROR' | 'INFO'>>): string =>
  [
    'status = error',
    'appender.out.type = Console',
    'appender.out.name = STDOUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d{ISO8601}] %p %m (%c{1})%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.out.ref = STDOUT',
    ...Object.entries(quiet).flatMap(([logger, level], i) => [`logger.q${i}.name = ${logger}`, `logger.q${i}.level = ${level}`]),
    '',
  ].join('\n');
