import { readdir, readFile } from 'node:fs/promises';

/** CPU seconds (user + system) and RSS of a process, from /proc. */
export async function processUsage(pid: number): Promise<{ cpuSeconds: number; rssMb: number }> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024 };
}

export const quantile = (values: number[], q: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** CPU seconds of every process whose command is `comm` (e.g. `postgres`: all its backends), by pid. */
export async function commandUsage(comm: string): Promise<Map<number, number>> {
  const usage = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if ((await readFile(`/proc/${pid}/comm`, 'utf8')).trim() !== comm) continue;
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      usage.set(pid, (Number(stat[11]) + Number(stat[12])) / 100);
    } catch {
      // The process ended while we looked.
    }
  }
  return usage;
}

/** CPU seconds the processes of `after` spent since `before` (a process started between counts from zero). */
export const usedSince = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);

/** Busy CPU seconds of the whole machine, all cores (from /proc/stat: everything but idle and iowait). */
export async function machineBusySeconds(): Promise<number> {
  const [, user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8'))
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}
