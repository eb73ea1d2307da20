import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { loadConfig, webhookConfigSchema, workerConfigSchema } from './config.ts';

const validWorker = {
  TENANT: 'acme',
  WHATSAPP_ACCESS_TOKEN: 'token',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
};

function problemsOf(run: () => unknown): { key: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFIG_INVALID');
    return (error as AppError).details as { key: string; message: string }[];
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(workerConfigSchema, validWorker);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/taskline');
    expect(config.WHATSAPP_API_URL).toBe('https://graph.facebook.com/v24.0');
    expect(config.WORKER_CONCURRENCY).toBe(8);
  });

  it('reports every bad key at once, one line each', () => {
    const problems = problemsOf(() =>
      loadConfig(workerConfigSchema, {
        TENANT: 'Not_A_Label',
        NATS_URL: 'http://x',
        WORKER_CONCURRENCY: 'many',
      }),
    );
    expect(problems.map((p) => p.key).sort()).toEqual([
      'NATS_URL',
      'TENANT',
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_PHONE_NUMBER_ID',
      'WORKER_CONCURRENCY',
    ]);
    expect(problems.find((p) => p.key === 'WHATSAPP_ACCESS_TOKEN')?.message).toBe('is required');
    expect(problems.find((p) => p.key === 'NATS_URL')?.message).toMatch(/nats:\/\//);
  });

  it('names the keys in the error message so a person can fix them', () => {
    expect(() => loadConfig(webhookConfigSchema, { TENANT: 'acme', WHATSAPP_APP_SECRET: 'short' })).toThrow(
      /WHATSAPP_APP_SECRET: must be at least 8 characters[\s\S]*WHATSAPP_VERIFY_TOKEN: is required/,
    );
  });

  it('treats empty variables as unset so defaults still apply', () => {
    const config = loadConfig(workerConfigSchema, { ...validWorker, NATS_URL: '', METRICS_PORT: '' });
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.METRICS_PORT).toBe(8082);
  });
});
