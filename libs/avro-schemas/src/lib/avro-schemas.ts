export function avroSchemas(): string {
  return 'avro-schemas';
}
