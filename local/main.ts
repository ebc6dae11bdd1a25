/**
 * `npm start`: the whole pipeline locally, no AWS account. Environment is settled before anything that
 * reads it at import time (the logger) is loaded.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_DEV ??= 'true';

const { run } = await import('./run');
await run(process.argv.slice(2));

export {};
