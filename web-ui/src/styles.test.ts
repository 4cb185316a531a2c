import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** Each rule's nesting depth at its selector; comments and strings removed first. */
function ruleDepths(source: string): { selector: string; depth: number }[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""');
  const rules: { selector: string; depth: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      rules.push({ selector: text.slice(start, i).split(/[;}]/).pop()!.trim(), depth });
      depth++;
      start = i + 1;
    } else if (c === '}') {
      depth--;
      start = i + 1;
    }
  }
  rules.push({ selector: '(end of file)', depth });
  return rules;
}

describe('styles.css', () => {
  // A missing "}" after .spawn-progress nested every later rule under it (CSS nesting), which
  // unstyled the project list, the project picker and the shell summaries without any build error.
  it('closes every block it opens: only at-rules hold other rules', () => {
    const rules = ruleDepths(css);
    const nested = rules.filter((rule, i) => rule.depth > 0 && !atRuleHolds(rules, i));
    expect(nested).toEqual([]);
    expect(rules.at(-1)!.depth).toBe(0);
  });
});

/** True when the rule at `index` sits directly inside an at-rule such as @media. */
function atRuleHolds(rules: { selector: string; depth: number }[], index: number): boolean {
  const { depth } = rules[index];
  for (let i = index - 1; i >= 0; i--) {
    if (rules[i].depth === depth - 1) return rules[i].selector.startsWith('@');
  }
  return false;
}
