// The names the web UI gives the hub's API types. The types themselves are generated from the
// hub's OpenAPI document (docs/api/openapi.yaml) into typesGenerated.ts by `npm run generate`,
// which every build and type check runs first: never describe an API shape by hand here.
import type { components } from './typesGenerated';

type Schemas = components['schemas'];

export type User = Schemas['UserView'];
export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];

/** A local account as admins see it on the People page. */
export type Person = Schemas['PersonView'];
export type Role = Person['role'];
/** POST /users: without a password the hub makes a one-time one. */
export type CreatePersonRequest = Schemas['CreatePersonRequest'];
/** The new account and its one-time password, shown once. */
export type PersonCreated = Schemas['PersonCreated'];
/** PATCH /users/{id}: an absent field stays as it is. */
export type UpdatePersonRequest = Schemas['UpdatePersonRequest'];

/** One live login of a person: when, from where, last used; `current` for the caller's own. */
export type Login = Schemas['LoginView'];

export type Host = Schemas['HostView'];
/** A daemon's heartbeat health; a value it could not read is null. */
export type HostHealth = Schemas['HostHealth'];
/** One agent profile as a host offers it, with whether its CLI is installed there. */
export type AgentProfile = Schemas['ProfileInfo'];
export type CreateHostResponse = Schemas['HostCreated'];
/** PATCH /hosts/{id}: an absent field stays as it is. */
export type UpdateHostRequest = Schemas['UpdateHostRequest'];

export type Session = Schemas['SessionView'];
export type SessionState = Session['state'];
export type SpawnMode = Session['mode'];
export type SpawnRequest = Schemas['SpawnRequest'];
export type Usage = Schemas['SessionUsage'];
/** What a session's shell last reported through its integration marks. */
export type SessionShell = Schemas['SessionShell'];
/** An MCP server configured for a session's agent; never carries its secrets. */
export type McpServer = Schemas['McpServer'];

/** A git repository on a host, from its daemon's latest scan. */
export type Project = Schemas['ProjectView'];
export type ProjectList = Schemas['ProjectList'];
export type Worktree = Schemas['WorktreeView'];
export type DiscardWorktreeRequest = Schemas['DiscardWorktreeRequest'];

/** A session shared with someone: `view` to watch, `type` to act on it too. */
export type Share = Schemas['ShareView'];
export type ShareRequest = Schemas['ShareRequest'];

/** What the session list's filters can offer. */
export type SessionFacets = Schemas['SessionFacetsView'];

/** The signed-in person's appearance choices, kept on the hub. */
export type Preferences = Schemas['PreferencesView'];
export type PreferencesRequest = Schemas['PreferencesRequest'];

/** RFC 9457 problem details. */
export type Problem = Schemas['Problem'];

/** A session's own budget (cost and/or tokens) and when it reached 80 % and 100 %. */
export type SessionBudget = Schemas['SessionBudget'];
export type SessionBudgetRequest = Schemas['SessionBudgetRequest'];
/** A user's or a project's day budget with what it spent today. */
export type DayBudget = Schemas['DayBudgetView'];
export type DayBudgetRequest = Schemas['DayBudgetRequest'];
/** A budget reached 80 % (warning) or 100 % (spent). */
export type BudgetEvent = Schemas['BudgetEventView'];

/** What the fleet spent in a range of days, grouped one way (GET /api/v1/spend). */
export type SpendReport = Schemas['SpendReport'];
/** One group of a spend report; only the fields that say which group it is are set. */
export type SpendRow = Schemas['SpendRow'];
export type SpendDimension = SpendReport['groupBy'];
/** Today, this week and this month so far. */
export type SpendSummary = Schemas['SpendSummary'];

/** A prompt typed into one or many sessions' agents, with a delivery per session (docs/api/rest.md#prompts). */
export type Prompt = Schemas['Prompt'];
export type PromptDelivery = Schemas['PromptDelivery'];
export type PromptRequest = Schemas['PromptRequest'];
/** A session's visible screen as text, from its daemon's terminal model. */
export type SessionScreen = Schemas['SessionScreen'];

/** A personal API token as its owner and admins see it (never its secret). */
export type ApiToken = Schemas['ApiTokenView'];
export type CreateApiTokenRequest = Schemas['CreateApiTokenRequest'];
/** A new token and its secret, shown once. */
export type ApiTokenCreated = Schemas['ApiTokenCreated'];

/** One entry of the audit trail (admins only). */
export type AuditEntry = Schemas['AuditEntryView'];

/** A session whose agent waits for a person, as the inbox lists it (ADR 0024). */
export type InboxItem = Schemas['InboxItem'];
/** An allow or deny decided in Drover, with who and when. */
export type Decision = Schemas['Decision'];
export type DecisionRequest = Schemas['DecisionRequest'];
/** The signed-in person's webhook, muted sessions and webhook notifications that never arrived. */
export type NotificationSettings = Schemas['NotificationSettings'];
/** A webhook notification given up after every attempt, with its last error (ADR 0034). */
export type FailedWebhook = Schemas['FailedWebhook'];
export type NotificationSettingsRequest = Schemas['NotificationSettingsRequest'];

/**
 * An archived agent conversation (docs/conversations.md), as lists and its own page show it: with whether it can be
 * resumed and by which session it was. Its host's name, project and title are null when the transcript did not say.
 */
export type Conversation = Schemas['Conversation'];
/** One message of a conversation: a text, thinking, tool call or tool result, in `seq` order. */
export type ConversationMessage = Schemas['ConversationMessage'];
export type MessageRole = ConversationMessage['role'];
export type MessageKind = ConversationMessage['kind'];
/** A host of the archive with its projects and how many conversations each holds. */
export type ConversationTreeHost = Schemas['ConversationTreeHost'];
/** One page of full-text search hits with the total and how long the hub took. */
export type SearchResult = Schemas['ConversationSearch'];
/** A message that matched: its snippet is HTML-escaped text with <mark> around the matches. */
export type SearchHit = Schemas['SearchHit'];
