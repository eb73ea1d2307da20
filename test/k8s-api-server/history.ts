/** The bounded event history that watches replay from; what falls out of it is "compacted". */
import type { StoreEvent } from './types.ts';

export class History {
  readonly #capacity: number;
  #events: StoreEvent[] = [];
  #start = 0;
  /** Events up to and including this resourceVersion are forgotten. */
  compactedRv = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(event: StoreEvent): void {
    this.#events.push(event);
    if (this.#events.length - this.#start > this.#capacity) {
      this.compactedRv = this.#events[this.#start]!.rv;
      this.#start++;
      if (this.#start > this.#capacity) {
        this.#events = this.#events.slice(this.#start);
        this.#start = 0;
      }
    }
  }

  compact(currentRv: number): void {
    this.#events = [];
    this.#start = 0;
    this.compactedRv = currentRv;
  }

  /** Every kept event with a resourceVersion above `rv`, oldest first. */
  since(rv: number): StoreEvent[] {
    let low = this.#start;
    let high = this.#events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#events[middle]!.rv <= rv) low = middle + 1;
      else high = middle;
    }
    return this.#events.slice(low);
  }
}
