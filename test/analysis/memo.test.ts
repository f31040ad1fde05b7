import { describe, expect, it } from 'vitest';
import { memoByName } from '../../src/analysis/memo.js';

describe('memoByName', () => {
  it('computes each name once and returns the kept answer, null included', () => {
    const calls: string[] = [];
    const lengthOrNull = memoByName((name) => {
      calls.push(name);
      return name.length > 3 ? name.length : null;
    });
    expect(lengthOrNull('password')).toBe(8);
    expect(lengthOrNull('id')).toBeNull();
    expect(lengthOrNull('password')).toBe(8);
    expect(lengthOrNull('id')).toBeNull();
    expect(calls).toEqual(['password', 'id']);
  });

  it('starts over once it holds `limit` names, so memory stays bounded', () => {
    const calls: string[] = [];
    const upper = memoByName((name) => {
      calls.push(name);
      return name.toUpperCase();
    }, 2);
    upper('a');
    upper('b');
    upper('a'); // kept
    upper('c'); // the memo is full: cleared, then c is kept
    upper('a'); // recomputed
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
