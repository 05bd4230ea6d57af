/**
 * Why a record could not become a change event. The codes are stable: the enrichment processor
 * writes them into the DLQ's reason header, and dashboards count by them.
 */
export type EnvelopeRejectReason =
  /** The value is larger than the configured limit. */
  | 'too_large'
  /** The bytes are not UTF-8 JSON. */
  | 'not_json'
  /** The bytes are not a registry-framed Avro datum of the schema they name. */
  | 'not_avro'
  /** The registry framing names a schema id the lookup does not know. */
  | 'unknown_schema_id'
  /** Valid JSON or Avro, but not a Debezium envelope (missing or mistyped envelope fields). */
  | 'invalid_shape'
  /** `op` is not one of c, u, d, r, t. */
  | 'unknown_op'
  /** A row column does not have the type its table declares (for example a timestamp that is not a number). */
  | 'invalid_field';

export interface Rejection<Reason extends string = EnvelopeRejectReason> {
  readonly kind: 'invalid';
  readonly reason: Reason;
  readonly detail: string;
}

export const reject = <Reason extends string>(reason: Reason, detail: string): Rejection<Reason> => ({
  kind: 'invalid',
  reason,
  detail,
});
