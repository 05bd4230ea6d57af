export function debeziumEnvelope(): string {
  return 'debezium-envelope';
}
