/** Runs controller work shortly after the write that caused it, as controllers react to watch events. */
export class WorkQueue {
  #tasks: (() => void)[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #waiters: (() => void)[] = [];
  #stopped = false;

  add(task: () => void): void {
    if (this.#stopped) return;
    this.#tasks.push(task);
    this.#scheduled ??= setImmediate(() => this.#run());
  }

  /** Resolves once no work is left (work may add more work; that is waited for too). */
  idle(): Promise<void> {
    if (this.#tasks.length === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  stop(): void {
    this.#stopped = true;
    this.#tasks = [];
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    this.#release();
  }

  #run(): void {
    this.#scheduled = undefined;
    for (let task = this.#tasks.shift(); task; task = this.#tasks.shift()) {
      try {
        task();
      } catch {
        // a controller retries on its next event; a failed step is not fatal
      }
    }
    if (!this.#scheduled) this.#release();
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
