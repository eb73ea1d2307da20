// Vitest global setup: role processes run the bundle the image runs (test/support/processes.ts), built once per run.
import { bundleTaskline } from '../../scripts/bundle.ts';

export default async function setup(): Promise<void> {
  await bundleTaskline();
}
