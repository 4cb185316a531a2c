import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../../api/types';
import { ConversationThread } from './ConversationThread';
import { message, toolPair } from './messageFixture';
import { Snippet } from './Snippet';

function render(messages: ConversationMessage[], reading: { showThinking?: boolean; target?: number | null } = {}) {
  return renderToStaticMarkup(
    <ConversationThread messages={messages} showThinking={reading.showThinking ?? false} target={reading.target ?? null} />,
  );
}

describe('ConversationThread', () => {
  it('folds a tool call: its name and input hint show, its input and result only once opened', () => {
    const html = render(toolPair(1, 'Bash', { input: '{"command":"npm test"}', output: 'RESULT-TEXT' }));
    expect(html).toMatch(/<details class="tool-call" data-testid="tool-call" data-tool="Bash" data-seq="1">/);
    expect(html).toContain('npm test');
    expect(html).not.toContain('RESULT-TEXT');
  });

  it('opens the tool call that holds the target message', () => {
    const html = render(toolPair(1, 'Bash', { output: 'RESULT-TEXT' }), { target: 2 });
    expect(html).toMatch(/<details class="tool-call" open="" data-testid="tool-call"/);
    expect(html).toContain('RESULT-TEXT');
    expect(html).toContain('id="seq-2"');
  });

  it('marks a failed tool call', () => {
    const html = render(toolPair(1, 'Bash', { isError: true }));
    expect(html).toContain('class="tool-call tool-call-failed"');
    expect(html).toContain('>error<');
  });

  it('hides thinking by default and shows it when asked, or when it is the target', () => {
    const messages = [message(1, { kind: 'thinking', text: 'SECRET-PLAN' }), message(2, { text: 'answer' })];
    expect(render(messages)).not.toContain('SECRET-PLAN');
    expect(render(messages)).toContain('answer');
    expect(render(messages, { showThinking: true })).toContain('SECRET-PLAN');
    expect(render(messages, { target: 1 })).toContain('SECRET-PLAN');
  });

  it('nests a sub-agent as a folded node with its tool count and tokens, opened when it holds the target', () => {
    const messages = [
      message(1, { role: 'user', text: 'main prompt' }),
      message(2, { subagentId: 'agent-7', text: 'SUB-TEXT', inputTokens: 1200, outputTokens: 30 }),
      ...toolPair(3, 'Grep', { subagentId: 'agent-7' }),
    ];
    const folded = render(messages);
    expect(folded).toMatch(/<details class="subagent" data-testid="subagent" data-subagent="agent-7">/);
    expect(folded).toContain('Sub-agent agent-7');
    expect(folded).toContain('3 messages · 1 tool call');
    expect(folded).toContain('1.2K in · 30 out');
    expect(folded).not.toContain('SUB-TEXT');
    const opened = render(messages, { target: 2 });
    expect(opened).toMatch(/<details class="subagent" open="" data-testid="subagent"/);
    expect(opened).toContain('SUB-TEXT');
  });

  it('renders markdown, and HTML in a message only as text', () => {
    const html = render([
      message(1, {
        text:
          '**bold** `code`\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n' +
          '[click](javascript:alert(3)) ![pic](https://example.com/a.png) <a href="x" onclick="alert(4)">a</a>',
      }),
    ]);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript:/i);
    expect(html).toContain('<a href="https://example.com/a.png" target="_blank" rel="noopener noreferrer">pic</a>');
  });

  it('shows token badges on the messages that carry tokens', () => {
    const html = render([message(1, { inputTokens: 5, outputTokens: 7 }), message(2)]);
    expect(html.match(/data-testid="token-badge"/g)).toHaveLength(1);
    expect(html).toContain('5 in · 7 out');
  });
});

describe('Snippet', () => {
  it('renders the hub’s <mark> as elements and nothing else as markup', () => {
    const html = renderToStaticMarkup(<Snippet snippet={'&lt;script&gt;x <mark>hit</mark> <img src=x onerror=alert(1)>'} />);
    expect(html).toBe('<span class="snippet">&lt;script&gt;x <mark>hit</mark> &lt;img src=x onerror=alert(1)&gt;</span>');
  });
});
