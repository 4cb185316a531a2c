import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('reads only <mark> as markup and unescapes the text around it', () => {
    expect(snippetParts('run <mark>npm</mark> &lt;b&gt; &amp; <mark>test</mark>&#39;s')).toEqual([
      { text: 'run ', marked: false },
      { text: 'npm', marked: true },
      { text: ' <b> & ', marked: false },
      { text: 'test', marked: true },
      { text: "'s", marked: false },
    ]);
  });

  it('leaves any other tag as text', () => {
    expect(snippetParts('<img src=x onerror=alert(1)><mark>x</mark>')).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'x', marked: true },
    ]);
  });
});
