import type { ConversationMessage } from '../../api/types';

/** Token figures of a message, a sub-agent or a whole conversation. */
export interface Tokens {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** A tool call and its result; either may be missing (a call still running, a result whose call was not recorded). */
export interface ToolCall {
  use: ConversationMessage | null;
  result: ConversationMessage | null;
}

/** A sub-agent (Claude's Task agents, sidechains): its own items and what it spent, nested ones included. */
export interface SubagentNode {
  id: string;
  items: ThreadItem[];
  tokens: Tokens;
  toolCalls: number;
  /** Every seq inside, nested sub-agents' too: a search hit among them opens the node. */
  seqs: Set<number>;
}

export type ThreadItem =
  | { type: 'message'; message: ConversationMessage }
  | { type: 'tool'; call: ToolCall }
  | { type: 'subagent'; node: SubagentNode };

export interface Thread {
  items: ThreadItem[];
  tokens: Tokens;
}

/** One tool call in the timeline, in the order they were made, sub-agents' calls included. */
export interface TimelineEntry {
  seq: number;
  name: string;
  error: boolean;
  subagentId: string | null;
}

export const NO_TOKENS: Tokens = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function addTokens(a: Tokens, b: Tokens): Tokens {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

export function totalTokens(tokens: Tokens): number {
  return tokens.inputTokens + tokens.outputTokens + tokens.cacheReadTokens + tokens.cacheWriteTokens;
}

/** `have` with `more` laid in, in seq order, one message per seq (a message fetched twice is kept once). */
export function appendMessages(have: ConversationMessage[], more: ConversationMessage[]): ConversationMessage[] {
  if (more.length === 0) return have;
  const last = have.length === 0 ? -Infinity : have[have.length - 1].seq;
  if (more.every((message, i) => message.seq > (i === 0 ? last : more[i - 1].seq))) return [...have, ...more];
  const bySeq = new Map(have.map((message) => [message.seq, message]));
  more.forEach((message) => bySeq.set(message.seq, message));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The seq of the last message, or undefined for none (the first fetch asks from the start). */
export function lastSeq(messages: ConversationMessage[]): number | undefined {
  return messages.length === 0 ? undefined : messages[messages.length - 1].seq;
}

/**
 * Which sub-agent a sub-agent was started from: the sub-agent of the message its first message follows
 * (`parentSeq`), or the main thread (null). A chain that loops back is cut at the main thread.
 */
function parentsOf(messages: ConversationMessage[]): Map<string, string | null> {
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  const parents = new Map<string, string | null>();
  for (const message of messages) {
    const id = message.subagentId;
    if (id == null || parents.has(id)) continue;
    const parent = message.parentSeq == null ? undefined : bySeq.get(message.parentSeq)?.subagentId;
    parents.set(id, parent == null || parent === id ? null : parent);
  }
  for (const id of parents.keys()) {
    const seen = new Set([id]);
    for (let up = parents.get(id); up != null; up = parents.get(up)) {
      if (seen.has(up)) {
        parents.set(id, null);
        break;
      }
      seen.add(up);
    }
  }
  return parents;
}

function tokensOf(message: ConversationMessage): Tokens {
  return {
    inputTokens: message.inputTokens,
    outputTokens: message.outputTokens,
    cacheReadTokens: message.cacheReadTokens,
    cacheWriteTokens: message.cacheWriteTokens,
  };
}

/**
 * The conversation as it is read: the main thread's messages in seq order; each tool call folded with its result
 * (matched by toolUseId); each sub-agent one node, placed where its first message came, holding its own messages,
 * tool calls and nested sub-agents, with their token totals.
 */
export function buildThread(messages: ConversationMessage[]): Thread {
  const parents = parentsOf(messages);
  const nodes = new Map<string, SubagentNode>();
  const main: ThreadItem[] = [];
  const itemsOf = (subagentId: string | null | undefined): ThreadItem[] => {
    if (subagentId == null) return main;
    let node = nodes.get(subagentId);
    if (node === undefined) {
      node = { id: subagentId, items: [], tokens: NO_TOKENS, toolCalls: 0, seqs: new Set() };
      nodes.set(subagentId, node);
      itemsOf(parents.get(subagentId)).push({ type: 'subagent', node });
    }
    return node.items;
  };
  const calls = new Map<string, ToolCall>();
  let tokens = NO_TOKENS;

  for (const message of messages) {
    const items = itemsOf(message.subagentId);
    const own = tokensOf(message);
    tokens = addTokens(tokens, own);
    for (let id: string | null | undefined = message.subagentId; id != null; id = parents.get(id) ?? null) {
      const node = nodes.get(id)!;
      node.tokens = addTokens(node.tokens, own);
      node.seqs.add(message.seq);
      if (message.kind === 'tool_use') node.toolCalls++;
    }
    if (message.kind === 'tool_use') {
      const call: ToolCall = { use: message, result: null };
      if (message.toolUseId != null) calls.set(message.toolUseId, call);
      items.push({ type: 'tool', call });
    } else if (message.kind === 'tool_result') {
      const call = message.toolUseId == null ? undefined : calls.get(message.toolUseId);
      if (call !== undefined && call.result === null) call.result = message;
      else items.push({ type: 'tool', call: { use: null, result: message } });
    } else {
      items.push({ type: 'message', message });
    }
  }
  return { items: main, tokens };
}

/** Every tool call in seq order with its name and whether its result was an error. */
export function toolTimeline(messages: ConversationMessage[]): TimelineEntry[] {
  const failed = new Set(
    messages
      .filter((message) => message.kind === 'tool_result' && message.isError && message.toolUseId != null)
      .map((message) => message.toolUseId),
  );
  return messages
    .filter((message) => message.kind === 'tool_use')
    .map((message) => ({
      seq: message.seq,
      name: message.toolName ?? 'tool',
      error: message.toolUseId != null && failed.has(message.toolUseId),
      subagentId: message.subagentId ?? null,
    }));
}

/** Whether a tool call holds the message `seq`. */
export function callHolds(call: ToolCall, seq: number | null): boolean {
  return seq !== null && (call.use?.seq === seq || call.result?.seq === seq);
}

/** Keys of a tool's input worth showing beside its name, most telling first. */
const HINT_KEYS = ['command', 'file_path', 'path', 'pattern', 'url', 'query', 'description', 'prompt'];
const HINT_LENGTH = 90;

/** A tool call's input as one short line ("npm test", "src/App.tsx"): its most telling field, or its text. */
export function toolHint(input: string): string {
  let hint = input;
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const fields = parsed as Record<string, unknown>;
      const key = HINT_KEYS.find((name) => typeof fields[name] === 'string');
      const first = Object.values(fields).find((value) => typeof value === 'string');
      hint = String(key === undefined ? (first ?? '') : fields[key]);
    }
  } catch {
    // Not JSON: the text itself (Codex sends shell commands as they are).
  }
  const line = hint.replace(/\s+/g, ' ').trim();
  return line.length > HINT_LENGTH ? `${line.slice(0, HINT_LENGTH - 1)}…` : line;
}

/** A tool call's input for reading: JSON indented, anything else as it is. */
export function prettyInput(input: string): string {
  try {
    return JSON.stringify(JSON.parse(input), null, 2);
  } catch {
    return input;
  }
}
