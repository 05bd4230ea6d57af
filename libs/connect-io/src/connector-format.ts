/**
 * How the connector writes the source topics.
 * - `avro`: keys and values in Avro through the registry, in the Confluent wire format (magic byte 0,
 *   a 4-byte schema id, the datum), written by Apicurio's converter: about a tenth of the bytes of
 *   `json` and no schema to parse per record.
 * - `json`: the seed's form, Kafka's JsonConverter with the schema inline in every record.
 */
export type ConnectorFormat = 'avro' | 'json';

export const CONNECTOR_FORMATS = ['avro', 'json'] as const satisfies readonly ConnectorFormat[];

export const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';
export const KAFKA_JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

/** The format a stored connector config writes, read from its value converter. */
export const formatOfConnectorConfig = (config: Readonly<Record<string, string>>): ConnectorFormat | { readonly other: string } => {
  const converter = config['value.converter'];
  if (converter === APICURIO_AVRO_CONVERTER) return 'avro';
  if (converter === KAFKA_JSON_CONVERTER || converter === undefined) return 'json';
  return { other: converter };
};

/**
 * The registry URL Apicurio's 2.x converter wants: its v2 core API. Our apps use the ccompat API of the
 * same registry (`.../apis/ccompat/v7`); both live under the same origin.
 */
export const converterRegistryUrl = (ccompatUrl: string): string => `${new URL(ccompatUrl).origin}/apis/registry/v2`;

/**
 * The project's schema resolver for Apicurio's converter (tools/stack/maven/connect-extensions): it
 * remembers the registered schema per topic and writer schema, where Apicurio's own writes the Avro
 * schema out as JSON and hashes it for every record. Only the embedded stack's Connect has it.
 */
export const WRITER_SCHEMA_CACHING_RESOLVER = 'dev.employeepipeline.connect.WriterSchemaCachingResolver';

export interface AvroConverterOptions {
  /** Apicurio's v2 API as Connect reaches it. */
  readonly registryUrl: string;
  /** Whether Connect has WRITER_SCHEMA_CACHING_RESOLVER (the embedded stack's does; a stock image does not). */
  readonly schemaCache: boolean;
}

/** The converter settings of a format: the overlay file's, plus for Avro the registry's address and the resolver. */
export const converterConfig = (
  format: ConnectorFormat,
  overlay: Readonly<Record<string, string>>,
  avro: AvroConverterOptions,
): Readonly<Record<string, string>> => {
  if (format !== 'avro') return overlay;
  const config: Record<string, string> = { ...overlay };
  for (const side of ['key', 'value']) {
    config[`${side}.converter.apicurio.registry.url`] = avro.registryUrl;
    if (avro.schemaCache) config[`${side}.converter.apicurio.registry.schema-resolver`] = WRITER_SCHEMA_CACHING_RESOLVER;
  }
  return config;
};

/** The converter classes a config names, which the Connect worker must have. */
export const convertersOf = (config: Readonly<Record<string, string>>): readonly string[] => [
  ...new Set([config['key.converter'], config['value.converter']].filter((c): c is string => c !== undefined)),
];
