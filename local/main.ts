/**
 * `npm start`: the whole pipeline locally, no AWS account. Environment is settled before anything that
 * reads it at import time (the logger) is loaded. A problem at start is one line on stderr with its fix
 * (never a stack trace) and exit code 1.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_DEV ??= 'true';

const { run } = await import('./run');
const { StartupError } = await import('./startup-error');

try {
  await run(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  console.error(
    error instanceof StartupError ? line : `The local runner could not start: ${line} (npm start -- --help)`,
  );
  process.exit(1);
}

export {};
