import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const plugins = [remarkGfm];

/**
 * How agent text becomes elements: links open in a new tab without the opener, and images are shown as links
 * (an image in a transcript would be fetched from wherever its text points, by everyone who reads it).
 */
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
  img: ({ src, alt }) => (
    <a href={typeof src === 'string' ? src : undefined} target="_blank" rel="noopener noreferrer">
      {alt || 'image'}
    </a>
  ),
};

/**
 * Markdown (GitHub's flavour: tables, task lists, strikethrough) as React elements, never as HTML: raw HTML in the
 * text shows as the text it is, and javascript: and other unsafe link targets are dropped (react-markdown's
 * default URL transform). Memoised by its text: a growing conversation parses only its new messages.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={plugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
