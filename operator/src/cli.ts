// The operator as its own command, for the bundle the image runs (operator/scripts/bundle.ts): the same as
// `taskline operator`, without the dispatcher and the other roles.
import { runRole } from '@taskline/core/base';
import { main } from './main.ts';

const code = await runRole('operator', main, process.argv.slice(2), process.env);
if (code !== 0) process.exit(code);
