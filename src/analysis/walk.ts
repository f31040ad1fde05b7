/**
 * Explicit-stack tree walking for the few analyses that must look inside one function body
 * (a handler, a catch block) outside ESLint's own traversal: recursion would overflow on deep code.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Push `node`'s child nodes (by the parser's visitor keys) onto `stack`. */
export function pushChildren(stack: TSESTree.Node[], node: TSESTree.Node, keys: TSESLint.SourceCode.VisitorKeys): void {
  const k = keys[node.type];
  if (!k) return;
  for (const key of k) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
    } else if (child && typeof (child as TSESTree.Node).type === 'string') {
      stack.push(child as TSESTree.Node);
    }
  }
}
