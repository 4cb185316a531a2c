import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

/** Every file under src/ whose name ends with `suffix`, as paths relative to src/. */
function filesEndingWith(...suffixes: string[]): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => suffixes.some((suffix) => path.endsWith(suffix)))
    .sort();
}

const stylesheets = filesEndingWith('.css').map((path) => ({ path, css: readFileSync(join(root, path), 'utf8') }));

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

describe('stylesheets', () => {
  it('are split per component, module and page', () => {
    expect(stylesheets.map((sheet) => sheet.path)).toContain('styles.css');
    expect(stylesheets.map((sheet) => sheet.path)).toContain('pages/SessionPage/SessionPage.css');
    expect(stylesheets.map((sheet) => sheet.path)).toContain('modules/terminal/terminal.css');
  });

  // A missing "}" after .spawn-progress nested every later rule under it (CSS nesting), which
  // unstyled the project list, the project picker and the shell summaries without any build error.
  it.each(stylesheets)('$path closes every block it opens: only at-rules hold other rules', ({ css }) => {
    const rules = ruleDepths(css);
    const nested = rules.filter((rule, i) => rule.depth > 0 && !atRuleHolds(rules, i));
    expect(nested).toEqual([]);
    expect(rules.at(-1)!.depth).toBe(0);
  });

  // A stylesheet nobody imports styles nothing; one imported from elsewhere is not where a reader looks.
  it.each(stylesheets.filter((sheet) => sheet.path !== 'styles.css'))('$path is imported by a module next to it', ({ path }) => {
    const folder = dirname(path);
    const name = path.slice(folder === '.' ? 0 : folder.length + 1);
    const importers = filesEndingWith('.ts', '.tsx').filter(
      (source) => readFileSync(join(root, source), 'utf8').includes(`import './${name}';`),
    );
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.every((source) => dirname(source) === folder)).toBe(true);
  });

  // The session page's rules were once in two sections of one big file, one overriding the other.
  it('style each selector in one place only (outside media queries)', () => {
    const places = new Map<string, string[]>();
    for (const { path, css } of stylesheets) {
      const rules = ruleDepths(css);
      rules.forEach((rule, i) => {
        if (rule.depth !== 0 || rule.selector.startsWith('@') || rule.selector === '(end of file)' || atRuleHolds(rules, i)) return;
        places.set(rule.selector, [...(places.get(rule.selector) ?? []), path]);
      });
    }
    const repeated = [...places].filter(([, paths]) => paths.length > 1);
    expect(repeated).toEqual([]);
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
