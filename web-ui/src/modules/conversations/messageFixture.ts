import type { ConversationMessage } from '../../api/types';

/** A message as the hub sends it, for tests: text by the assistant unless told otherwise. */
export function message(seq: number, fields: Partial<ConversationMessage> = {}): ConversationMessage {
  return {
    id: `m-${seq}`,
    seq,
    agentMessageId: null,
    parentSeq: null,
    subagentId: null,
    toolName: null,
    toolUseId: null,
    model: null,
    role: 'assistant',
    kind: 'text',
    text: `message ${seq}`,
    isError: false,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    at: '2026-12-07T10:00:00Z',
    ...fields,
  };
}

/** A tool call and its result. */
export function toolPair(seq: number, name: string, fields: { input?: string; output?: string; isError?: boolean; subagentId?: string } = {}) {
  const toolUseId = `tu-${seq}`;
  return [
    message(seq, { kind: 'tool_use', toolName: name, toolUseId, text: fields.input ?? '{}', subagentId: fields.subagentId ?? null }),
    message(seq + 1, {
      role: 'tool',
      kind: 'tool_result',
      toolName: name,
      toolUseId,
      text: fields.output ?? 'ok',
      isError: fields.isError ?? false,
      subagentId: fields.subagentId ?? null,
    }),
  ];
}
