/**
 * True when every field of `desired` has the same value in `live`. The API server adds defaults and other
 * managers' fields, so a live object that holds our intent is "as desired" and needs no write.
 */
export function isSubset(desired: unknown, live: unknown): boolean {
  if (desired === null || typeof desired !== 'object') {
    if (typeof desired === 'number' && typeof live === 'string') return String(desired) === live;
    return desired === live;
  }
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) &&
      live.length === desired.length &&
      desired.every((item, i) => isSubset(item, live[i]))
    );
  }
  if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
  const record = live as Record<string, unknown>;
  return Object.entries(desired).every(([key, value]) => value === undefined || isSubset(value, record[key]));
}

/** Deep equality that ignores key order (the API server re-encodes objects with sorted keys). */
export const sameValue = (a: unknown, b: unknown): boolean => isSubset(a, b) && isSubset(b, a);
