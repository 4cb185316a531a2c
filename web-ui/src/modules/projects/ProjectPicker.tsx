import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useProjects } from '../../api/queries';
import type { Project } from '../../api/types';
import { Spinner } from '../../components/Spinner';
import { timeAgo } from '../format/format';
import { describeBranch, filterProjects, isHidden, moveHighlight, shortRemote, sortByName } from './search';
import './ProjectPicker.css';

interface ProjectPickerProps {
  hostId: string;
  /** The chosen project's path, or null for none. */
  value: string | null;
  /** Called with the chosen project, or null when the choice is cleared. */
  onChange: (project: Project | null) => void;
  /** The id of the input, for a <label htmlFor>. */
  id?: string;
}

/**
 * A searchable project picker (ARIA combobox with a listbox): type to filter by name, path, branch
 * or remote; ↑/↓, Page Up/Down, Home/End move, Enter picks, Escape closes. Lists the host's
 * projects from its daemon's latest scan with their branch, dirty flag and remote.
 */
export function ProjectPicker({ hostId, value, onChange, id }: ProjectPickerProps) {
  const projects = useProjects(hostId);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const generated = useId();
  const inputId = id ?? `${generated}-input`;
  const listId = `${generated}-list`;
  const optionId = (index: number) => `${generated}-option-${index}`;

  const all = projects.data?.projects ?? [];
  // By name; those in dot directories only once a search is typed (they are rarely what is meant).
  const matches = useMemo(() => {
    const sorted = sortByName(projects.data?.projects ?? []);
    const roots = projects.data?.roots ?? [];
    return filterProjects(query.trim() ? sorted : sorted.filter((project) => !isHidden(project, roots)), query);
  }, [projects.data, query]);
  const selected = all.find((project) => project.path === value) ?? null;

  // Closed but still focused (a pick with Enter, or Escape): select the shown path, so typing
  // starts a new search instead of editing it.
  useEffect(() => {
    const input = inputRef.current;
    if (!open && input && document.activeElement === input) input.select();
  }, [open]);

  useEffect(() => {
    if (highlight < 0) return;
    listRef.current?.querySelector(`[data-index="${highlight}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [highlight]);

  const close = () => {
    setOpen(false);
    setQuery('');
    setHighlight(-1);
  };

  // True while a mouse button or a finger is down anywhere in the page.
  const pressing = useRef(false);
  useEffect(() => {
    const down = () => {
      pressing.current = true;
    };
    const up = () => {
      pressing.current = false;
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);

  // The list is in the page's flow: closing it when a press elsewhere takes the focus would move
  // what is below it (the dialog's "Start session") before the release, and that click would be
  // lost. Close it once the press has ended and its click has run.
  const onBlur = () => {
    if (!pressing.current) {
      close();
      return;
    }
    const pressEnded = new AbortController();
    const closeAfterClick = () => {
      pressEnded.abort();
      setTimeout(close);
    };
    window.addEventListener('pointerup', closeAfterClick, { signal: pressEnded.signal });
    window.addEventListener('pointercancel', closeAfterClick, { signal: pressEnded.signal });
  };

  const choose = (project: Project) => {
    onChange(project);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
      return;
    }
    if (event.key === 'Enter') {
      if (open && highlight >= 0 && highlight < matches.length) {
        event.preventDefault();
        choose(matches[highlight]);
      }
      return;
    }
    const next = moveHighlight(highlight, event.key, matches.length);
    if (next !== null && (open || event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setOpen(true);
      setHighlight(next);
    }
  };

  return (
    <div className="picker" data-testid="project-picker">
      <div className="picker-input">
        <input
          ref={inputRef}
          id={inputId}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && highlight >= 0 ? optionId(highlight) : undefined}
          className="mono"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          placeholder={selected?.path ?? value ?? 'Search projects by name, path, branch or remote'}
          value={open ? query : (selected?.path ?? value ?? '')}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={onBlur}
          onChange={(event) => {
            setOpen(true);
            setQuery(event.target.value);
            setHighlight(event.target.value.trim() === '' ? -1 : 0);
          }}
          onKeyDown={onKeyDown}
          data-testid="project-picker-input"
        />
        {value !== null && !open && (
          <button
            type="button"
            className="icon-button"
            aria-label="Clear the project"
            onClick={() => onChange(null)}
          >
            ×
          </button>
        )}
      </div>
      {open && (
        <div className="picker-popup">
          {projects.isPending ? (
            <div className="picker-note">
              <Spinner /> Loading projects…
            </div>
          ) : projects.isError ? (
            <div className="picker-note picker-error" role="alert">
              {errorMessage(projects.error)}
            </div>
          ) : matches.length === 0 ? (
            <div className="picker-note" data-testid="project-picker-empty">
              {all.length === 0
                ? projects.data.scannedAt
                  ? 'No git repositories under ' + projects.data.roots.join(', ')
                  : 'This host has not reported its projects yet.'
                : `No project matches “${query.trim()}”.`}
            </div>
          ) : null}
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label="Projects"
            className="picker-list"
            // A scrolling list is a tab stop of its own in Chromium; the input's arrow keys move
            // through it, and a Tab onto it closed it and dropped the focus on the page.
            tabIndex={-1}
            hidden={matches.length === 0}
          >
            {matches.map((project, index) => (
              <li
                key={project.path}
                id={optionId(index)}
                role="option"
                aria-selected={index === highlight}
                data-index={index}
                data-testid="project-option"
                className={`picker-option${index === highlight ? ' picker-option-active' : ''}${
                  project.path === value ? ' picker-option-chosen' : ''
                }`}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setHighlight(index)}
                onClick={() => choose(project)}
              >
                <ProjectSummary project={project} />
              </li>
            ))}
          </ul>
          {projects.data?.scannedAt && (
            <div className="picker-footer muted">
              {matches.length} of {all.length} · scanned {timeAgo(projects.data.scannedAt)}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** A project's name, path, branch (with the dirty flag) and remote, on two lines. */
export function ProjectSummary({ project }: { project: Project }) {
  const remote = shortRemote(project.remote);
  return (
    <span className="project-summary">
      <span className="project-line">
        <span className="strong">{project.name}</span>
        <span className={`project-branch mono${project.dirty ? ' project-dirty' : ''}`}>{describeBranch(project)}</span>
      </span>
      <span className="project-line muted">
        <span className="mono project-path">{project.path}</span>
        {remote && <span className="mono project-remote">{remote}</span>}
      </span>
      {project.error && <span className="project-line form-error">{project.error}</span>}
    </span>
  );
}
