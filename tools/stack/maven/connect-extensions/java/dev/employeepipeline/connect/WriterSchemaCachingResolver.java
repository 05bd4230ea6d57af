package dev.employeepipeline.connect;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's schema resolver, remembering what it resolved per topic, key or value, and writer
 * schema object.
 *
 * <p>With auto-registration, Apicurio 2.6's {@code DefaultSchemaResolver} finds no cached entry by
 * topic (it caches the registered artifact by content and by versioned coordinates, not by the
 * unversioned coordinates the topic strategy looks up), so for every record it writes the Avro
 * schema out as JSON and looks that text up: for Debezium's envelope, several kilobytes of JSON and
 * a hash of them per change event, about 40 % of Connect's CPU on the capture.
 *
 * <p>Connect's converter turns one Connect schema into the same Avro {@code Schema} object every
 * time (its schema cache), so that object, by identity, with the topic and key/value, names what
 * was registered. A new table schema (a DDL change) is a new object: it misses here and goes the
 * usual way, registered and then remembered. Anything that is not an Avro container (a primitive
 * key) goes the usual way every time.
 */
public final class WriterSchemaCachingResolver<S, T> extends DefaultSchemaResolver<S, T> {

    /** Bounds the map if writer schema objects churn (a converter cache smaller than the schemas in use). */
    private static final int MAX_ENTRIES = 1_000;

    private final Map<Key, SchemaLookupResult<S>> resolved = new ConcurrentHashMap<>();

    @Override
    public SchemaLookupResult<S> resolveSchema(Record<T> data) {
        Key key = keyOf(data);
        if (key == null) {
            return super.resolveSchema(data);
        }
        SchemaLookupResult<S> known = resolved.get(key);
        if (known != null) {
            return known;
        }
        SchemaLookupResult<S> result = super.resolveSchema(data);
        if (resolved.size() >= MAX_ENTRIES) {
            resolved.clear();
        }
        resolved.put(key, result);
        return result;
    }

    /** The number of writer schemas remembered (for tests). */
    public int remembered() {
        return resolved.size();
    }

    private Key keyOf(Record<T> data) {
        if (data == null || !(data.metadata() instanceof KafkaSerdeMetadata metadata) || !(data.payload() instanceof GenericContainer container)) {
            return null;
        }
        return metadata.getTopic() == null ? null : new Key(metadata.getTopic(), metadata.isKey(), container.getSchema());
    }

    /** Topic, key or value, and the writer schema by identity. */
    private record Key(String topic, boolean isKey, Object schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.topic.equals(topic) && k.isKey == isKey && k.schema == schema;
        }

        @Override
        public int hashCode() {
            return (topic.hashCode() * 31 + (isKey ? 1 : 0)) * 31 + System.identityHashCode(schema);
        }
    }
}
