import { describe, expect, it } from 'vitest';
import { message, toolPair } from './messageFixture';
import { appendMessages, buildThread, toolHint, toolTimeline } from './thread';

describe('buildThread', () => {
  it('folds each tool result into its call, matched by toolUseId, in the main thread', () => {
    const thread = buildThread([message(1, { role: 'user' }), ...toolPair(2, 'Bash', { output: 'done' }), message(4)]);
    expect(thread.items.map((item) => item.type)).toEqual(['message', 'tool', 'message']);
    const tool = thread.items[1];
    expect(tool.type === 'tool' && [tool.call.use?.seq, tool.call.result?.seq, tool.call.result?.text]).toEqual([2, 3, 'done']);
  });

  it('keeps a result whose call was not recorded as a call of its own', () => {
    const [, result] = toolPair(2, 'Read');
    const thread = buildThread([result]);
    expect(thread.items).toEqual([{ type: 'tool', call: { use: null, result } }]);
  });

  it('groups sub-agent messages into one node where the first came, with their own tools and token totals', () => {
    const messages = [
      message(1, { role: 'user', text: 'plan it' }),
      message(2, { kind: 'tool_use', toolName: 'Task', toolUseId: 'task-1', inputTokens: 10, outputTokens: 5 }),
      message(3, { subagentId: 'a1', parentSeq: 2, role: 'user', text: 'sub prompt' }),
      message(4, { subagentId: 'a1', inputTokens: 100, outputTokens: 20, cacheReadTokens: 7 }),
      ...toolPair(5, 'Grep', { subagentId: 'a1' }),
      message(7, { subagentId: 'a2', parentSeq: 6, outputTokens: 3 }),
      message(8, { role: 'tool', kind: 'tool_result', toolUseId: 'task-1', text: 'sub-agent said' }),
      message(9, { text: 'main again' }),
    ];
    const thread = buildThread(messages);
    expect(thread.items.map((item) => item.type)).toEqual(['message', 'tool', 'subagent', 'message']);
    const sub = thread.items[2];
    if (sub.type !== 'subagent') throw new Error('no sub-agent');
    expect(sub.node.id).toBe('a1');
    expect(sub.node.items.map((item) => item.type)).toEqual(['message', 'message', 'tool', 'subagent']);
    expect(sub.node.toolCalls).toBe(1);
    expect([...sub.node.seqs].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7]);
    expect(sub.node.tokens).toEqual({ inputTokens: 100, outputTokens: 23, cacheReadTokens: 7, cacheWriteTokens: 0 });
    const nested = sub.node.items[3];
    expect(nested.type === 'subagent' && [nested.node.id, nested.node.tokens.outputTokens]).toEqual(['a2', 3]);
    expect(thread.tokens).toEqual({ inputTokens: 110, outputTokens: 28, cacheReadTokens: 7, cacheWriteTokens: 0 });
    const task = thread.items[1];
    expect(task.type === 'tool' && task.call.result?.text).toBe('sub-agent said');
  });

  it('cuts a loop of sub-agents whose parents point at each other at the main thread', () => {
    const thread = buildThread([message(1, { subagentId: 'a', parentSeq: 2 }), message(2, { subagentId: 'b', parentSeq: 1 })]);
    const top = thread.items[0];
    expect(thread.items).toHaveLength(1);
    expect(top.type === 'subagent' && [top.node.id, top.node.items.map((item) => item.type === 'subagent' && item.node.id)]).toEqual([
      'a',
      [false, 'b'],
    ]);
  });
});

describe('appendMessages', () => {
  it('appends newer messages and keeps one message per seq when a fetch overlaps', () => {
    const have = [message(1), message(2)];
    expect(appendMessages(have, []).map((m) => m.seq)).toEqual([1, 2]);
    expect(appendMessages(have, [message(3)]).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(appendMessages(have, [message(2, { text: 'again' }), message(3)]).map((m) => [m.seq, m.text])).toEqual([
      [1, 'message 1'],
      [2, 'again'],
      [3, 'message 3'],
    ]);
  });
});

describe('toolTimeline', () => {
  it('lists every call in order, sub-agents too, with failed ones marked', () => {
    const timeline = toolTimeline([
      ...toolPair(1, 'Bash', { isError: true }),
      ...toolPair(3, 'Read', { subagentId: 'a1' }),
      message(5, { kind: 'tool_use', toolName: 'Edit', toolUseId: 'open' }),
    ]);
    expect(timeline).toEqual([
      { seq: 1, name: 'Bash', error: true, subagentId: null },
      { seq: 3, name: 'Read', error: false, subagentId: 'a1' },
      { seq: 5, name: 'Edit', error: false, subagentId: null },
    ]);
  });
});

describe('toolHint', () => {
  it('shows the most telling field of a JSON input, or the text itself', () => {
    expect(toolHint('{"description":"list","command":"ls -la\\n/tmp"}')).toBe('ls -la /tmp');
    expect(toolHint('{"file_path":"src/App.tsx","content":"x"}')).toBe('src/App.tsx');
    expect(toolHint('{"n":1}')).toBe('');
    expect(toolHint('echo hi')).toBe('echo hi');
    expect(toolHint(`{"command":"${'a'.repeat(200)}"}`)).toHaveLength(90);
  });
});
