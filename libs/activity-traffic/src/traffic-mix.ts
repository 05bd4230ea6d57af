/** Relative weights of the operations the simulator writes. */
export interface TrafficMix {
  readonly insert: number;
  readonly update: number;
  readonly delete: number;
}

export const DEFAULT_MIX: TrafficMix = { insert: 80, update: 15, delete: 5 };

export type MixResult = { readonly kind: 'ok'; readonly mix: TrafficMix } | { readonly kind: 'invalid'; readonly detail: string };

const OPS = ['insert', 'update', 'delete'] as const;

/** Parses `insert=80,update=15,delete=5` (weights, any scale; an op left out weighs 0). */
export const parseTrafficMix = (text: string): MixResult => {
  const weights: Record<string, number> = { insert: 0, update: 0, delete: 0 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [op, value, ...rest] = part.split('=');
    if (!OPS.includes(op as (typeof OPS)[number]) || value === undefined || rest.length > 0) {
      return { kind: 'invalid', detail: `expected op=weight with op one of ${OPS.join(', ')}, got "${part}"` };
    }
    const weight = Number(value);
    if (!Number.isFinite(weight) || weight < 0) return { kind: 'invalid', detail: `weight of ${op} must be a number >= 0, got "${value}"` };
    weights[op as string] = weight;
  }
  if (weights['insert']! <= 0) return { kind: 'invalid', detail: 'insert must weigh more than 0 (updates and deletes need rows)' };
  return { kind: 'ok', mix: { insert: weights['insert']!, update: weights['update']!, delete: weights['delete']! } };
};

export const formatTrafficMix = (mix: TrafficMix): string => OPS.map((op) => `${op}=${mix[op]}`).join(',');
