import type { ChangeEvent } from './change-event.js';

/**
 * A 53-bit fingerprint of what an event carries (op, before image, after image). Events at one WAL
 * position come from one WAL record, so they touch distinct rows: their identities differ, while a
 * re-sent event has the identity it had the first time. cyrb53 over the UTF-16 code units.
 */
export const eventIdentity = (event: Pick<ChangeEvent, 'op' | 'before' | 'after'>): number =>
  cyrb53(`${event.op}\u0000${JSON.stringify(event.before)}\u0000${JSON.stringify(event.after)}`);

const cyrb53 = (text: string): number => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};
