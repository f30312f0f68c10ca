import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TOKEN_SLACK } from '../../../core/checks/tokenLimitChecks.ts';
import { DEFAULT_SETTINGS } from '../../../core/protocol.ts';
import { validationOptionsFor } from '../../../core/settings/validationSettings.ts';
import { BIG_LINE_CHARS } from '../../../server/bigLines.ts';
import { mayTokenizeHere } from '../../../server/features/diagnostics.ts';

// The server loads the tokenizer ahead of need only when a line it checks on its own thread can
// be over the token limit: long lines go to the worker, which loads its own.

describe('loading the tokenizer ahead of need', () => {
  it('not under the default settings when long lines go to the worker; yes when they do not', () => {
    const defaults = validationOptionsFor(DEFAULT_SETTINGS, undefined);
    assert.equal(defaults.tokenLimit!.limit > BIG_LINE_CHARS * 3 + TOKEN_SLACK, true, `default limit ${defaults.tokenLimit!.limit}`);
    assert.equal(mayTokenizeHere(defaults, true), false);
    assert.equal(mayTokenizeHere(defaults, false), true);
  });

  it('yes for a limit a line of this thread can pass, from one token under the widest such line', () => {
    const widest = BIG_LINE_CHARS * 3 + TOKEN_SLACK;
    assert.equal(mayTokenizeHere({ tokenLimit: { model: 'gpt-4o', limit: widest } }, true), false);
    assert.equal(mayTokenizeHere({ tokenLimit: { model: 'gpt-4o', limit: widest - 1 } }, true), true);
    assert.equal(mayTokenizeHere({ tokenLimit: { model: 'gpt-4o', limit: 1000 } }, true), true);
    assert.equal(mayTokenizeHere({}, false), false);
    assert.equal(mayTokenizeHere({ tokenLimit: { model: 'gpt-4o', limit: 0 } }, false), false);
  });
});
