import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstLineHasMessages, isDataset, matchesDatasetGlobs } from '../../../server/datasetDetection.ts';

const lines = (...texts: string[]) => ({ lineCount: texts.length, lineText: (i: number) => texts[i]! });

describe('dataset detection', () => {
  it('by default: the first non-blank line has a `messages` key', () => {
    assert.equal(firstLineHasMessages(lines('', '  ', '{"messages": []}')), true);
    assert.equal(firstLineHasMessages(lines('\uFEFF{"messages": [], "tools": []}')), true);
    assert.equal(firstLineHasMessages(lines('{"prompt": "a", "completion": "b"}', '{"messages": []}')), false);
    assert.equal(firstLineHasMessages(lines('[1, 2]')), false);
    assert.equal(firstLineHasMessages(lines('')), false);
    assert.equal(firstLineHasMessages(lines()), false);
  });

  it('a first line being typed still counts when it names `messages`', () => {
    assert.equal(firstLineHasMessages(lines('{"messages": [{"role": "us')), true);
    assert.equal(firstLineHasMessages(lines('{"tools": [], "messages": [{"role": "user", "content": "hi"')), true);
    assert.equal(firstLineHasMessages(lines('{"text": "no')), false);
  });

  it('with globs: a pattern without a slash matches the file name, others the workspace-relative path', () => {
    const folders = ['/ws'];
    assert.equal(matchesDatasetGlobs('/ws/data/train.jsonl', ['*.jsonl'], folders), true);
    assert.equal(matchesDatasetGlobs('/ws/data/train.jsonl', ['data/**/*.jsonl'], folders), true);
    assert.equal(matchesDatasetGlobs('/ws/data/train.jsonl', ['./data/*.jsonl'], folders), true);
    assert.equal(matchesDatasetGlobs('/ws/logs/run.jsonl', ['data/**/*.jsonl'], folders), false);
    assert.equal(matchesDatasetGlobs('/ws/logs/run.jsonl', ['train*.jsonl', '**/run.jsonl'], folders), true);
    assert.equal(matchesDatasetGlobs('/elsewhere/x.jsonl', ['/elsewhere/*.jsonl'], folders), true);
  });

  it('globs override the content check for files; untitled documents always use the content check', () => {
    const dataset = lines('{"messages": []}');
    const logs = lines('{"level": "info"}');
    assert.equal(isDataset('file:///ws/logs/run.jsonl', dataset, ['data/*.jsonl'], ['/ws']), false);
    assert.equal(isDataset('file:///ws/data/a.jsonl', logs, ['data/*.jsonl'], ['/ws']), true);
    assert.equal(isDataset('untitled:Untitled-1', dataset, ['data/*.jsonl'], ['/ws']), true);
    assert.equal(isDataset('file:///ws/logs/run.jsonl', logs, [], ['/ws']), false);
  });
});
