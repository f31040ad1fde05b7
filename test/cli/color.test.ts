/** Colour decision for stylish output: flags, then NO_COLOR, then FORCE_COLOR, then the TTY. */
import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/color.js';

describe('useColor', () => {
  it('follows --color/--no-color, NO_COLOR, FORCE_COLOR and the terminal, in that order', () => {
    expect(useColor(undefined, {}, false, true)).toBe(true);
    expect(useColor(undefined, {}, false, false)).toBe(false);
    expect(useColor(undefined, {}, true, true)).toBe(false); // --output FILE: no escape codes in files
    expect(useColor(undefined, { NO_COLOR: '1' }, false, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: '' }, false, true)).toBe(true); // empty NO_COLOR is unset
    expect(useColor(undefined, { FORCE_COLOR: '1' }, false, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: '0' }, false, true)).toBe(false);
    expect(useColor(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, false)).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' }, true, false)).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '1' }, false, true)).toBe(false);
  });
});
