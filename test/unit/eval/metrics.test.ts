import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareCalls } from '../../../core/eval/metrics.ts';
import { reference } from './reference.ts';

const call = (name: string, args: string) => ({ name, arguments: args });
const weather = call('get_weather', '{"city": "Paris", "unit": "celsius"}');

describe('compareCalls', () => {
  it('is exact for the same name and equal arguments in another key order and spacing', () => {
    assert.deepEqual(compareCalls(weather, call('get_weather', '{"unit":"celsius","city":"Paris"}')), {
      exact: true, fuzzy: true, functional: true, similarity: 1,
    });
  });

  it('treats 1 and 1.0 as equal for exact, as Python ==', () => {
    assert.equal(compareCalls(call('f', '{"n": 1}'), call('f', '{"n": 1.0}')).exact, true);
  });

  it('is fuzzy but not exact for a near miss (ratio from Python: 0.9863013698630136)', () => {
    assert.deepEqual(compareCalls(weather, call('get_weather', '{"city": "Pariss", "unit": "celsius"}')), {
      exact: false, fuzzy: true, functional: true, similarity: 0.9863013698630136,
    });
  });

  it('is functional only between 0.5 and 0.8 (Python: 0.6842105263157895)', () => {
    assert.deepEqual(compareCalls(weather, call('get_weather', '{"city": "London", "unit": "fahrenheit"}')), {
      exact: false, fuzzy: false, functional: true, similarity: 0.6842105263157895,
    });
  });

  it('gives a wrong name no credit at all, as the lesson (similarity stays, name-blind)', () => {
    assert.deepEqual(compareCalls(weather, call('get_forecast', '{"city": "Paris", "unit": "celsius"}')), {
      exact: false, fuzzy: false, functional: false, similarity: 1,
    });
  });

  it('fails everything at similarity 0.48 (Python)', () => {
    assert.deepEqual(compareCalls(call('f', '{"city": "Paris"}'), call('f', '{"q": 1}')), {
      exact: false, fuzzy: false, functional: false, similarity: 0.48,
    });
  });

  it('scores unparseable predicted arguments as nothing', () => {
    assert.deepEqual(compareCalls(weather, call('get_weather', "{'city': 'Paris'}")), {
      exact: false, fuzzy: false, functional: false, similarity: 0, unparseable: 'predicted',
    });
  });

  it('passes the autojunk option through (Python values from the reference)', () => {
    const r = reference.args.find((x) => x.ratio !== x.ratio_no_autojunk)!;
    // ratio(a, b) is the predicted call's ratio against the expected one: a = predicted.
    assert.equal(compareCalls(call('f', r.b), call('f', r.a)).similarity, r.ratio);
    assert.equal(compareCalls(call('f', r.b), call('f', r.a), { autojunk: false }).similarity, r.ratio_no_autojunk);
  });
});
