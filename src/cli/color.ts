/** Whether stylish output is coloured. Kept apart from main.ts so it can be tested without the engines. */

/** Colour: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, toFile: boolean, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return !toFile && isTTY;
}
