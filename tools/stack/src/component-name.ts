import { StackError } from './stack-error.js';
import { componentNames, kafkaComponentNames, type ComponentName } from './stack-paths.js';

/** How `--help` names the components a command takes. */
export const COMPONENT_ARGUMENT_HELP = 'postgres | kafka | kafka-1..3 (or 1..3, with 3 brokers) | connect | registry';

/**
 * A component named on the command line: `postgres`, `connect`, `registry`, or a broker: `kafka` with
 * one broker (`kafka-1` and `1` too), `kafka-1`..`kafka-3` or a bare `1`..`3` with three.
 */
export const parseComponentName = (text: string, brokers: number): ComponentName => {
  const t = text.trim().toLowerCase();
  if (t === 'postgres' || t === 'connect' || t === 'registry') return t;
  const kafka = kafkaComponentNames(brokers);
  const broker = /^(?:kafka-?)?(\d+)$/.exec(t)?.[1];
  if (brokers === 1) {
    if (t === 'kafka' || broker === '1') return 'kafka';
    if (broker) throw new StackError('stack', `there is one Kafka broker (STACK_KAFKA_BROKERS=1), "kafka"; no broker "${text}"`);
  } else {
    const named = kafka.find((n) => n === `kafka-${broker}`);
    if (named) return named;
    if (t === 'kafka')
      throw new StackError('stack', `there are ${brokers} Kafka brokers (STACK_KAFKA_BROKERS=${brokers}): name one, ${kafka.join(', ')} (or 1 to ${brokers})`);
    if (broker) throw new StackError('stack', `no Kafka broker "${text}": there are ${brokers}, ${kafka.join(', ')}`);
  }
  throw new StackError('stack', `"${text}" is not a component; one of ${componentNames(brokers).join(', ')}`);
};
