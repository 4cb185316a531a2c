import { type Tokens, totalTokens } from './thread';
import './conversations.css';

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

/** What a message (or a sub-agent, or a conversation) spent: "1.2K in · 340 out", every figure in its title; nothing for none. */
export function TokenBadge({ tokens }: { tokens: Tokens }) {
  if (totalTokens(tokens) === 0) return null;
  const cache = tokens.cacheReadTokens + tokens.cacheWriteTokens;
  return (
    <span
      className="token-badge"
      data-testid="token-badge"
      title={
        `${exact.format(tokens.inputTokens)} input · ${exact.format(tokens.outputTokens)} output · ` +
        `${exact.format(tokens.cacheReadTokens)} cache read · ${exact.format(tokens.cacheWriteTokens)} cache write tokens`
      }
    >
      {compact.format(tokens.inputTokens)} in · {compact.format(tokens.outputTokens)} out
      {cache > 0 && ` · ${compact.format(cache)} cache`}
    </span>
  );
}
