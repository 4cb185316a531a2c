import type { Worktree } from '../../api/types';
import { Badge, type Tone } from '../../components/Badge';

const looks: Record<Worktree['state'], { tone: Tone; label: string }> = {
  active: { tone: 'info', label: 'active' },
  clean: { tone: 'good', label: 'clean' },
  dirty: { tone: 'warn', label: 'kept: uncommitted changes' },
  unmerged: { tone: 'warn', label: 'kept: not merged or pushed' },
  missing: { tone: 'bad', label: 'directory missing' },
};

/** Why a worktree is where it is: in use, removable, or kept (flagged) because removing it would lose work. */
export function worktreeExplanation(worktree: Worktree): string {
  switch (worktree.state) {
    case 'active':
      return 'A running session works in it.';
    case 'clean':
      return worktree.merged
        ? `Clean and merged into ${worktree.base ?? 'its base'}: removed when its session ends.`
        : 'Clean and pushed: removed when its session ends.';
    case 'dirty':
      return 'Kept after its session ended: it has uncommitted changes or untracked files.';
    case 'unmerged':
      return `Kept after its session ended: its commits are neither merged into ${worktree.base ?? 'its base'} nor pushed.`;
    case 'missing':
      return 'Its directory is gone; git still knows the branch.';
  }
}

export function WorktreeStateBadge({ worktree }: { worktree: Worktree }) {
  const look = looks[worktree.state];
  return (
    <span title={worktreeExplanation(worktree)} data-testid="worktree-state" data-state={worktree.state}>
      <Badge tone={look.tone}>{look.label}</Badge>
    </span>
  );
}
