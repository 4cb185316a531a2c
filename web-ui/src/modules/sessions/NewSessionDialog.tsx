import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCreateSession, useHosts, useSessions } from '../../api/queries';
import type { AgentProfile, SpawnMode } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { Failure, Loading } from '../../components/StateViews';
import { askForNotifications } from '../budgets/notify';
import '../budgets/budgets.css';
import { ProjectPicker } from '../projects/ProjectPicker';
import { defaultProfile, INITIAL_SIZE, MODE_LABELS, type SpawnForm, spawnModes, toSpawnRequest, worktreeByDefault } from './spawnForm';

const EMPTY: SpawnForm = {
  hostId: '',
  profileId: '',
  mode: 'new',
  command: 'bash',
  cwd: '',
  agentSessionId: '',
  prompt: '',
  task: '',
  worktree: null,
  budgetUsd: '',
  budgetTokens: '',
};

function profileLabel(agent: AgentProfile): string {
  if (!agent.installed) return `${agent.name} (not installed)`;
  return agent.version ? `${agent.name} ${agent.version}` : agent.name;
}

/** The new-session form; `initial` fills some fields in (host and directory for "New session here"). */
export function NewSessionDialog({ onClose, initial = {} }: { onClose: () => void; initial?: Partial<SpawnForm> }) {
  const hosts = useHosts();
  const sessions = useSessions();
  const create = useCreateSession();
  const navigate = useNavigate();
  const [form, setForm] = useState<SpawnForm>({ ...EMPTY, ...initial });
  const [invalid, setInvalid] = useState<string | null>(null);
  const set = (change: Partial<SpawnForm>) => setForm((current) => ({ ...current, ...change }));

  const onlineHosts = hosts.data?.filter((host) => host.online) ?? [];
  const hostId = form.hostId || onlineHosts[0]?.id || '';
  const host = hosts.data?.find((candidate) => candidate.id === hostId);
  const agents = host?.agents ?? [];
  const profile = agents.find((agent) => agent.id === form.profileId) ?? defaultProfile(agents);
  const mode: SpawnMode = profile?.modes.includes(form.mode) ? form.mode : 'new';
  const suggestWorktree = worktreeByDefault(form.cwd, hostId, sessions.data ?? []);
  const worktree = form.worktree ?? suggestWorktree;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const result = toSpawnRequest({ ...form, hostId, mode, worktree: form.cwd.trim() ? worktree : null }, profile, INITIAL_SIZE);
    if ('error' in result) {
      setInvalid(result.error);
      return;
    }
    setInvalid(null);
    if (result.request.budgetUsd || result.request.budgetTokens) askForNotifications();
    create.mutate(result.request, { onSuccess: (session) => navigate(`/sessions/${session.id}`) });
  };

  const problem = invalid ?? (create.error ? errorMessage(create.error) : null);

  return (
    <Dialog title="New session" onClose={onClose}>
      {hosts.isPending ? (
        <Loading what="hosts" />
      ) : hosts.isError ? (
        <Failure error={hosts.error} onRetry={() => hosts.refetch()} />
      ) : hosts.data.length === 0 ? (
        <p className="muted">No hosts yet. An admin adds one with “Add host” and runs the daemon on it.</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span>Host</span>
            <select
              name="host"
              value={hostId}
              onChange={(event) => set({ hostId: event.target.value, profileId: '', cwd: '', worktree: null })}
              autoFocus
              data-autofocus
              data-testid="new-session-host"
            >
              {onlineHosts.length === 0 && <option value="">No host is online</option>}
              {hosts.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id} disabled={!candidate.online}>
                  {candidate.name}
                  {candidate.online ? '' : ' (offline)'}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Agent</span>
            <select
              name="profile"
              value={profile?.id ?? ''}
              onChange={(event) => set({ profileId: event.target.value })}
              data-testid="new-session-profile"
              disabled={agents.length === 0}
            >
              {agents.length === 0 && <option value="">This host has not reported its agents yet</option>}
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id} disabled={!agent.installed} title={agent.problem ?? agent.path ?? ''}>
                  {profileLabel(agent)}
                </option>
              ))}
            </select>
          </label>
          {profile && spawnModes(profile).length > 1 && (
            <fieldset className="field segmented" data-testid="new-session-mode">
              <legend>Conversation</legend>
              {spawnModes(profile).map((candidate) => (
                <label key={candidate} className={candidate === mode ? 'segment segment-on' : 'segment'}>
                  <input
                    type="radio"
                    name="mode"
                    value={candidate}
                    checked={candidate === mode}
                    onChange={() => set({ mode: candidate })}
                  />
                  {MODE_LABELS[candidate]}
                </label>
              ))}
            </fieldset>
          )}
          {mode === 'resume' && (
            <label className="field">
              <span>Agent session id</span>
              <input
                name="agentSessionId"
                className="mono"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                value={form.agentSessionId}
                onChange={(event) => set({ agentSessionId: event.target.value })}
              />
            </label>
          )}
          {profile?.userCommand && (
            <label className="field">
              <span>Command</span>
              <input
                name="command"
                className="mono"
                autoFocus
                data-autofocus
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                value={form.command}
                onChange={(event) => set({ command: event.target.value })}
              />
              <small className="muted">Quotes group words: htop -d '10'</small>
            </label>
          )}
          <div className="field">
            <label htmlFor="new-session-project">
              Project <span className="muted">(optional: the home directory otherwise)</span>
            </label>
            {hostId ? (
              <ProjectPicker
                id="new-session-project"
                hostId={hostId}
                value={form.cwd || null}
                onChange={(project) => set({ cwd: project?.path ?? '', worktree: null })}
              />
            ) : (
              <p className="muted">Pick an online host first.</p>
            )}
          </div>
          {form.cwd && (
            <label className="check" data-testid="new-session-worktree">
              <input
                type="checkbox"
                name="worktree"
                checked={worktree}
                onChange={(event) => set({ worktree: event.target.checked })}
              />
              <span>
                Own git worktree <span className="muted">on branch drover/{profile?.id ?? 'agent'}-…</span>
                {suggestWorktree && form.worktree === null && (
                  <small className="muted"> — on because another session works in this project</small>
                )}
              </span>
            </label>
          )}
          {profile?.takesPrompt && (
            <label className="field">
              <span>
                First prompt <span className="muted">(optional)</span>
              </span>
              <textarea
                name="prompt"
                rows={3}
                value={form.prompt}
                onChange={(event) => set({ prompt: event.target.value })}
              />
            </label>
          )}
          <label className="field">
            <span>
              Task <span className="muted">(optional, editable later)</span>
            </span>
            <input
              name="task"
              maxLength={2000}
              placeholder="what this session is for"
              value={form.task}
              onChange={(event) => set({ task: event.target.value })}
            />
          </label>
          <fieldset className="field budget-fields" data-testid="new-session-budget">
            <legend>
              Budget <span className="muted">(optional: warned at 80 %, stopped at 100 %)</span>
            </legend>
            <label>
              <span>USD</span>
              <input
                name="budgetUsd"
                inputMode="decimal"
                placeholder="0.50"
                value={form.budgetUsd}
                onChange={(event) => set({ budgetUsd: event.target.value })}
              />
            </label>
            <label>
              <span>Tokens</span>
              <input
                name="budgetTokens"
                inputMode="numeric"
                placeholder="none"
                value={form.budgetTokens}
                onChange={(event) => set({ budgetTokens: event.target.value })}
              />
            </label>
          </fieldset>
          {problem && (
            <p className="form-error" role="alert" data-testid="new-session-error">
              {problem}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={create.isPending || !hostId || !profile}>
              {create.isPending ? (
                <>
                  <Spinner label="Starting" /> Starting…
                </>
              ) : (
                'Start session'
              )}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
