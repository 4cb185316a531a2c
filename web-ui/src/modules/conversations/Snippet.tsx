import { snippetParts } from './snippet';
import './conversations.css';

/** A search hit's snippet with its matches highlighted; never parsed as HTML. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <span className="snippet">
      {snippetParts(snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}
