import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessFacilityActivityOptions } from '../../workflows/activity-options.js';
import { defaultTemporalConfigPath, loadTemporalConfig, parseTemporalConfig } from '../../config/temporal-config.js';
import { parseEnv } from '../../config/env.js';
import { durationToMs } from '../../config/duration.js';

const realYaml = readFileSync(defaultTemporalConfigPath, 'utf8');

describe('temporal.config.yaml', () => {
  it('should load the committed file with every activity and search attribute', () => {
    const cfg = loadTemporalConfig();
    expect(cfg.taskQueues.assessments).toBe('masterbus-assessments');
    expect(Object.keys(cfg.searchAttributes)).toEqual(
      expect.arrayContaining(['FacilityId', 'AssessmentId', 'PortfolioRunId', 'Trigger', 'RiskLevel', 'ModelVersion']),
    );
    expect(cfg.portfolioSchedule.overlap).toBe('SKIP');
  });

  it('should name the offending field when a value is invalid', () => {
    const bad = realYaml.replace('startToCloseTimeout: 2m', 'startToCloseTimeout: two minutes');
    expect(() => parseTemporalConfig(bad)).toThrow(/activities\.fetchFacilitySnapshot\.startToCloseTimeout/);
  });

  it('should reject unknown keys, so a typo cannot silently fall back to a default', () => {
    const bad = realYaml.replace('  assessments: masterbus-assessments', '  assessments: masterbus-assessments\n  assesments: typo');
    expect(() => parseTemporalConfig(bad)).toThrow(/taskQueues/);
  });

  it('should report YAML syntax errors with the file name', () => {
    expect(() => parseTemporalConfig('address: [unclosed', 'my.yaml')).toThrow(/my\.yaml: not valid YAML/);
  });

  it('should let the environment override address and namespace', () => {
    const cfg = loadTemporalConfig(undefined, { address: 'temporal.prod:7233', namespace: 'prod' });
    expect(cfg.address).toBe('temporal.prod:7233');
    expect(cfg.namespace).toBe('prod');
  });

  it('should turn maximumAttempts 0 into unlimited retries and keep non-retryable error types', () => {
    const opts = assessFacilityActivityOptions(loadTemporalConfig());
    expect(opts.recordAssessmentStatus.retry?.maximumAttempts).toBeUndefined();
    expect(opts.fetchFacilitySnapshot.retry?.maximumAttempts).toBe(10);
    expect(opts.fetchFacilitySnapshot.retry?.nonRetryableErrorTypes).toContain('CondoitNotFound');
    expect(opts.fetchFacilitySnapshot.heartbeatTimeout).toBe('30s');
  });

  it('should convert durations', () => {
    expect(durationToMs('500ms')).toBe(500);
    expect(durationToMs('2m')).toBe(120_000);
    expect(() => durationToMs('2 minutes')).toThrow();
  });
});

describe('environment', () => {
  it('should apply defaults for a bare environment', () => {
    const env = parseEnv({});
    expect(env.MONGODB_DB).toBe('masterbus');
    expect(env.API_PORT).toBe(8080);
    expect(env.MONGODB_URL).toBeUndefined();
  });

  it('should fail naming the variable when a value is bad', () => {
    expect(() => parseEnv({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => parseEnv({ MONGODB_URL: 'not a url' })).toThrow(/MONGODB_URL/);
    expect(() => parseEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });
});
