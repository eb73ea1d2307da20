import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';

type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];
import { tracePostgres } from './pg.ts';
import { tracingStarted } from './tracing.ts';

/**
 * Starts OpenTelemetry tracing for a role when the standard variables ask for it (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER`, plus `OTEL_SERVICE_NAME` etc.); off otherwise.
 * Metrics stay with prom-client (/metrics); logs with pino. Tests pass their own span processors.
 */
export interface Telemetry {
  enabled: boolean;
  shutdown(): Promise<void>;
}

export async function startTelemetry(
  role: string,
  env: NodeJS.ProcessEnv = process.env,
  spanProcessors?: SpanProcessor[],
): Promise<Telemetry> {
  const wanted =
    spanProcessors !== undefined ||
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ||
    (env.OTEL_TRACES_EXPORTER !== undefined && env.OTEL_TRACES_EXPORTER !== 'none');
  if (!wanted || env.OTEL_SDK_DISABLED === 'true')
    return { enabled: false, shutdown: () => Promise.resolve() };
  // Loaded only when tracing is on: the SDK and its exporters are heavy.
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? `taskline-${role}`,
    ...(spanProcessors ? { spanProcessors } : {}),
    // Only traces: the default OTLP metric and log exporters would duplicate /metrics and the logs.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  tracingStarted();
  tracePostgres();
  return {
    enabled: true,
    shutdown: () => {
      tracingStarted(false);
      return sdk.shutdown();
    },
  };
}
