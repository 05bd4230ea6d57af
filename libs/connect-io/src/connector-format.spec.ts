import { converterConfig, converterRegistryUrl, convertersOf, formatOfConnectorConfig, WRITER_SCHEMA_CACHING_RESOLVER } from './connector-format.js';

describe('connector format', () => {
  it('reads the format a stored config writes from its value converter', () => {
    expect(formatOfConnectorConfig({ 'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter' })).toBe('avro');
    expect(formatOfConnectorConfig({ 'value.converter': 'org.apache.kafka.connect.json.JsonConverter' })).toBe('json');
    expect(formatOfConnectorConfig({})).toBe('json'); // the worker's default, ours
    expect(formatOfConnectorConfig({ 'value.converter': 'io.confluent.connect.avro.AvroConverter' })).toEqual({
      other: 'io.confluent.connect.avro.AvroConverter',
    });
  });

  it("derives the converter's v2 API from the apps' ccompat URL", () => {
    expect(converterRegistryUrl('http://127.0.0.1:8081/apis/ccompat/v7')).toBe('http://127.0.0.1:8081/apis/registry/v2');
    expect(converterRegistryUrl('https://registry.example:443/apis/ccompat/v7/')).toBe('https://registry.example/apis/registry/v2');
  });

  it('adds the registry to both converters for Avro, and the caching resolver when Connect has it; nothing for JSON', () => {
    const overlay = { 'value.converter': 'x' };
    expect(converterConfig('avro', overlay, { registryUrl: 'http://r/apis/registry/v2', schemaCache: false })).toEqual({
      'value.converter': 'x',
      'key.converter.apicurio.registry.url': 'http://r/apis/registry/v2',
      'value.converter.apicurio.registry.url': 'http://r/apis/registry/v2',
    });
    expect(converterConfig('avro', overlay, { registryUrl: 'http://r', schemaCache: true })).toMatchObject({
      'key.converter.apicurio.registry.schema-resolver': WRITER_SCHEMA_CACHING_RESOLVER,
      'value.converter.apicurio.registry.schema-resolver': WRITER_SCHEMA_CACHING_RESOLVER,
    });
    expect(converterConfig('json', overlay, { registryUrl: 'http://r', schemaCache: true })).toBe(overlay);
  });

  it('lists the converter classes a worker must have, once each', () => {
    expect(convertersOf({ 'key.converter': 'a', 'value.converter': 'a' })).toEqual(['a']);
    expect(convertersOf({ 'value.converter': 'b' })).toEqual(['b']);
  });
});
