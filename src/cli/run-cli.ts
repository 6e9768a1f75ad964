import { ConfigError } from '../config.js';

/** Runs a command-line entry point: known failures print one clear message, no stack. */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else if (err instanceof Error && err.name !== 'Error') {
      console.error(`${err.name}: ${err.message}`);
    } else {
      console.error(err);
    }
    process.exitCode = 1;
  }
}
