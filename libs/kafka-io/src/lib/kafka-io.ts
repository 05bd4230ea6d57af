export function kafkaIo(): string {
  return 'kafka-io';
}
