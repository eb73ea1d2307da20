/**
 * A pure function of a few strings, remembered while one message is read: the message is cleaned, its language
 * guessed and its dates read many times over (the story before a request, a correction, each clause), with the
 * same words each time. `forgetAll` starts a new message: every table is dropped on its next use, so nothing is
 * carried from one message to the next (and a benchmark that repeats its messages measures real work).
 */
let generation = 0;

export function remembered<A extends unknown[], R>(
  fn: (...args: A) => R,
  key: (...args: A) => string,
): (...args: A) => R {
  let table = new Map<string, R>();
  let of = generation;
  return (...args: A) => {
    if (of !== generation) {
      table = new Map();
      of = generation;
    }
    const k = key(...args);
    const hit = table.get(k);
    if (hit !== undefined || table.has(k)) return hit as R;
    const value = fn(...args);
    table.set(k, value);
    return value;
  };
}

export function forgetAll(): void {
  generation++;
}
