import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FineTuningJob, FineTuningJobCheckpoint, FineTuningJobEvent } from '../../../core/openai/client.ts';
import { checkpointRow, endMessage, eventRow, formatAge, formatCount, jobContextValue, jobDetailRows, jobRow, metricsText, STATUS_ICONS } from '../../../client/jobs/treeModel.ts';

const NOW_MS = 1_700_000_000_000;

function job(fields: Partial<FineTuningJob> & Record<string, unknown> = {}): FineTuningJob {
  return {
    id: 'ftjob-abc',
    object: 'fine_tuning.job',
    created_at: 1_700_000_000 - 300,
    finished_at: null,
    model: 'gpt-4o-mini-2024-07-18',
    fine_tuned_model: null,
    organization_id: 'org-test',
    status: 'running',
    training_file: 'file-t',
    validation_file: null,
    trained_tokens: null,
    error: null,
    hyperparameters: {},
    result_files: [],
    seed: 1,
    ...fields,
  } as FineTuningJob;
}

describe('jobs view rows', () => {
  test('a running job: model label, status · age, a spinning icon, the active context value', () => {
    const row = jobRow(job(), NOW_MS);
    assert.equal(row.label, 'gpt-4o-mini-2024-07-18');
    assert.equal(row.description, 'running · 5 min ago');
    assert.equal(row.icon, 'sync~spin');
    assert.equal(row.contextValue, 'toolcallJob.active');
    assert.equal(row.collapsible, true);
    assert.equal(row.tooltip!.split('\n')[0], 'ftjob-abc');
  });

  test('a succeeded job: suffix in the label, trained tokens with grouping, pass icon', () => {
    const row = jobRow(job({ status: 'succeeded', user_provided_suffix: 'weather', trained_tokens: 1234567, created_at: 1_700_000_000 - 2 * 86_400 }), NOW_MS);
    assert.equal(row.label, 'gpt-4o-mini-2024-07-18 (weather)');
    assert.equal(row.description, 'succeeded · 2 days ago · 1,234,567 tokens');
    assert.deepEqual([row.icon, row.color, row.contextValue], ['pass', 'testing.iconPassed', 'toolcallJob.succeeded']);
  });

  test('every status has an icon; context values for menus', () => {
    assert.deepEqual(Object.keys(STATUS_ICONS).sort(), ['cancelled', 'failed', 'queued', 'running', 'succeeded', 'validating_files']);
    assert.deepEqual(['validating_files', 'queued', 'running', 'succeeded', 'failed', 'cancelled'].map(jobContextValue), [
      'toolcallJob.active',
      'toolcallJob.active',
      'toolcallJob.active',
      'toolcallJob.succeeded',
      'toolcallJob.failed',
      'toolcallJob.cancelled',
    ]);
  });

  test('ages', () => {
    assert.deepEqual([59, 60, 3599, 3600, 86_399, 86_400].map((s) => formatAge(1_700_000_000 - s, NOW_MS)), ['just now', '1 min ago', '59 min ago', '1 h ago', '23 h ago', '1 day ago']);
    assert.equal(formatCount(1000), '1,000');
  });

  test('detail rows: the model or the error, then events and checkpoints with counts once known', () => {
    const done = jobDetailRows(job({ status: 'succeeded', fine_tuned_model: 'ft:gpt-4o-mini-2024-07-18:org::abc' }), { events: 12, checkpoints: 3 });
    assert.deepEqual(done.map((r) => [r.kind, r.label, r.description]), [
      ['model', 'ft:gpt-4o-mini-2024-07-18:org::abc', 'fine-tuned model'],
      ['events', 'Events', '12'],
      ['checkpoints', 'Checkpoints', '3'],
    ]);
    const failed = jobDetailRows(job({ status: 'failed', error: { code: 'invalid_training_file', message: 'Line 3 is not a valid JSON object.', param: 'training_file' } }), {});
    assert.deepEqual(failed.map((r) => [r.kind, r.label, r.description]), [
      ['error', 'Line 3 is not a valid JSON object.', 'invalid_training_file'],
      ['events', 'Events', undefined],
      ['checkpoints', 'Checkpoints', undefined],
    ]);
  });

  test('events: message, UTC time, icon by level; metrics events get a chart', () => {
    const event = (fields: Partial<FineTuningJobEvent>) => ({ id: 'e', object: 'fine_tuning.job.event', created_at: 1_700_000_000, level: 'info', message: 'm', type: 'message', ...fields }) as FineTuningJobEvent;
    assert.deepEqual(eventRow(event({ message: 'Fine-tuning job started' })), { label: 'Fine-tuning job started', description: '2023-11-14 22:13:20', tooltip: 'info: Fine-tuning job started', icon: 'info', color: undefined, contextValue: 'toolcallJob.event', collapsible: false });
    assert.equal(eventRow(event({ level: 'error' })).icon, 'error');
    assert.equal(eventRow(event({ type: 'metrics' })).icon, 'graph-line');
  });

  test('checkpoints: step and the metrics present, 4 decimals', () => {
    const checkpoint = { id: 'c', object: 'fine_tuning.job.checkpoint', created_at: 0, fine_tuned_model_checkpoint: 'ft:x:ckpt-step-8', fine_tuning_job_id: 'ftjob-abc', step_number: 8, metrics: { step: 8, train_loss: 0.123456, train_mean_token_accuracy: 0.9, valid_loss: 0.2 } } as FineTuningJobCheckpoint;
    assert.equal(metricsText(checkpoint.metrics), 'train loss 0.1235 · train acc 0.9 · valid loss 0.2');
    const row = checkpointRow(checkpoint);
    assert.deepEqual([row.label, row.description, row.tooltip], ['Step 8', 'train loss 0.1235 · train acc 0.9 · valid loss 0.2', 'ft:x:ckpt-step-8\ntrain loss 0.1235 · train acc 0.9 · valid loss 0.2']);
  });

  test('end notifications', () => {
    assert.equal(endMessage(job({ status: 'succeeded', fine_tuned_model: 'ft:m' })), 'Fine-tuning job ftjob-abc succeeded: ft:m.');
    assert.equal(endMessage(job({ status: 'failed', error: { code: 'x', message: 'Line 3 is not a valid JSON object.', param: null } })), 'Fine-tuning job ftjob-abc failed: Line 3 is not a valid JSON object.');
    assert.equal(endMessage(job({ status: 'cancelled' })), 'Fine-tuning job ftjob-abc was cancelled.');
  });
});
