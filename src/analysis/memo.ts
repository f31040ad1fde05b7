/**
 * Answers about names (identifiers, path words, header names) are pure functions of the string, and
 * the same names recur across every file of a code base, so rules keep them for the whole run. The
 * memo is bounded: past `limit` distinct names it starts over, which keeps memory flat on huge
 * repositories at the price of recomputing.
 */
export function memoByName<T extends NonNullable<unknown> | null>(compute: (name: string) => T, limit = 5000): (name: string) => T {
  const answers = new Map<string, T>();
  return (name) => {
    let answer = answers.get(name);
    if (answer === undefined) {
      answer = compute(name);
      if (answers.size >= limit) answers.clear();
      answers.set(name, answer);
    }
    return answer;
  };
}
