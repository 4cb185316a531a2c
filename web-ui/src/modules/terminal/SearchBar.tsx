import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { useEffect, useRef, useState } from 'react';

/** Match highlighting (the addon counts matches only when it decorates them). */
const SEARCH_OPTIONS: ISearchOptions = {
  decorations: {
    matchBackground: '#3b4a6b',
    matchOverviewRuler: '#60a5fa',
    activeMatchBackground: '#b45309',
    activeMatchColorOverviewRuler: '#fcd34d',
  },
};

interface SearchBarProps {
  search: SearchAddon;
  onClose: () => void;
}

/** The find box over a terminal: Enter next, Shift+Enter previous, Escape closes. */
export function SearchBar({ search, onClose }: SearchBarProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    const subscription = search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setResults({ index: resultIndex, count: resultCount }),
    );
    return () => {
      subscription.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const find = (direction: 'next' | 'previous', text = query, incremental = false) => {
    if (text === '') {
      search.clearDecorations();
      setResults(null);
      return;
    }
    if (direction === 'next') search.findNext(text, { ...SEARCH_OPTIONS, incremental });
    else search.findPrevious(text, SEARCH_OPTIONS);
  };

  return (
    <div className="terminal-search" role="search" data-testid="terminal-search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find in the terminal"
        placeholder="Find"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          find('next', event.target.value, true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(event.shiftKey ? 'previous' : 'next');
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="terminal-search-count muted" data-testid="terminal-search-count" aria-live="polite">
        {results === null ? '' : results.count === 0 ? 'No matches' : `${results.index + 1} of ${results.count}`}
      </span>
      <button type="button" className="terminal-tool" aria-label="Previous match" onClick={() => find('previous')}>
        ↑
      </button>
      <button type="button" className="terminal-tool" aria-label="Next match" onClick={() => find('next')}>
        ↓
      </button>
      <button type="button" className="terminal-tool" aria-label="Close search" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
