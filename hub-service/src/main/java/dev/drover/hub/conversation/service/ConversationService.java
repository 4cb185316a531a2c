package dev.drover.hub.conversation.service;

import dev.drover.hub.conversation.repository.ConversationFilter;
import dev.drover.hub.conversation.repository.ConversationRepository;
import dev.drover.hub.conversation.repository.ConversationRow;
import dev.drover.hub.conversation.repository.Ingested;
import dev.drover.hub.conversation.repository.MessageRow;
import dev.drover.hub.conversation.repository.SearchRow;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.live.service.ConversationGrew;
import dev.drover.hub.project.repository.WorktreeRepository;
import dev.drover.hub.session.repository.SessionShareRepository;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionService;
import dev.drover.hub.session.service.SessionSpec;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.WorktreeState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The conversation archive (ADR 0031): what daemons read from the agents' transcripts, stored and
 * searchable; who may see what (admins everything; others the conversations of Drover sessions they
 * may see; a host's own runs only admins); and resuming a conversation on its host, one at a time.
 */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final SessionAccess access;
    private final SessionShareRepository shares;
    private final SessionService sessions;
    private final WorktreeRepository worktrees;
    private final ConversationConfig config;
    private final Event<ConversationGrew> grew;

    public ConversationService(ConversationRepository conversations, SessionAccess access, SessionShareRepository shares,
            SessionService sessions, WorktreeRepository worktrees, ConversationConfig config, Event<ConversationGrew> grew) {
        this.conversations = conversations;
        this.access = access;
        this.shares = shares;
        this.sessions = sessions;
        this.worktrees = worktrees;
        this.config = config;
        this.grew = grew;
    }

    /** Stores a daemon's transcript batch and tells the open pages that may see the conversation. */
    @WithSpan
    public Uni<Ingested> ingest(UUID hostId, DaemonMessage.Transcript batch) {
        if (batch.entries().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return conversations.ingest(hostId, batch)
                .call(ingested -> ingested.sessionId() == null
                        ? fire(ingested, Set.of())
                        : shares.sharedWith(Set.of(ingested.sessionId()))
                                .chain(shared -> fire(ingested, shared.getOrDefault(ingested.sessionId(), Set.of()))));
    }

    private Uni<Void> fire(Ingested ingested, Set<String> sharedWith) {
        grew.fire(new ConversationGrew(ingested.conversationId(), ingested.lastSeq(), ingested.createdBy(), sharedWith));
        return Uni.createFrom().voidItem();
    }

    /** The conversations the caller may see that {@code filter} lets through, newest first. */
    @WithSpan
    public Uni<ConversationRepository.Page<ConversationRow>> list(ConversationFilter filter, int limit, int page) {
        return conversations.list(filter, limit, (long) page * limit);
    }

    /** Hosts and their projects with their numbers of conversations, of those {@code visibleTo} (null: all) may see. */
    @WithSpan
    public Uni<List<ConversationRepository.TreeRow>> tree(String visibleTo) {
        return conversations.tree(visibleTo);
    }

    /** The conversation, or {@link NotFoundException} when there is none the caller may see. */
    @WithSpan
    public Uni<ConversationRow> get(UUID id, SessionCaller caller) {
        return conversations.find(id, caller.admin() ? null : caller.username())
                .onItem().ifNull().failWith(() -> new NotFoundException("no conversation " + id));
    }

    /** Messages of a conversation the caller may see, after {@code afterSeq}. */
    @WithSpan
    public Uni<List<MessageRow>> messages(UUID id, long afterSeq, int limit, SessionCaller caller) {
        return get(id, caller).chain(conversation -> conversations.messages(id, afterSeq, limit));
    }

    /** The conversation of Drover session {@code sessionId}, when the caller may see the session and it has one. */
    @WithSpan
    public Uni<ConversationRow> ofSession(UUID sessionId, SessionCaller caller) {
        return access.visible(sessionId, caller)
                .chain(session -> conversations.ofSession(sessionId))
                .onItem().ifNull().failWith(() -> new NotFoundException("session " + sessionId + " has no transcript"))
                .chain(id -> get(id, caller));
    }

    /** Messages matching {@code filter.q()} in the conversations the caller may see. */
    @WithSpan
    public Uni<ConversationRepository.Page<SearchRow>> search(ConversationFilter filter, int limit, int page) {
        return conversations.search(filter, limit, (long) page * limit);
    }

    /**
     * Starts a Drover session on the conversation's host that resumes it with its profile's resume
     * command, in its directory (the project, when the session's worktree is gone), linked to it.
     * {@link ConflictException} while another resume of it starts or runs; {@link NotPermittedException}
     * for a viewer.
     */
    @WithSpan
    public Uni<HostedSession> resume(UUID id, SessionCaller caller) {
        return get(id, caller)
                .invoke(conversation -> {
                    if (!caller.writer()) {
                        throw new NotPermittedException("viewers read conversations; only admins and operators may resume them");
                    }
                    if (!conversation.resumable()) {
                        throw new ConflictException("host " + conversation.hostName() + " cannot resume " + conversation.agent()
                                + " conversations");
                    }
                })
                .chain(conversation -> conversations.lockResume(id, Instant.now().plus(config.resumeLock()))
                        .chain(locked -> locked ? started(conversation, caller)
                                : Uni.createFrom().failure(new ConflictException("conversation " + id + " is being resumed already"))));
    }

    /** Spawns the resuming session under the lock just taken, then releases it (recording the session when one started). */
    private Uni<HostedSession> started(ConversationRow conversation, SessionCaller caller) {
        return directory(conversation)
                .chain(cwd -> sessions.spawn(new SessionSpec(conversation.hostId(), conversation.agent(), "resume", null,
                        cwd, conversation.agentSessionId(), null, null, false, null, null, null, null),
                        caller.username(), false))
                .onFailure().call(failure -> conversations.resumed(conversation.id(), null))
                .call(started -> conversations.resumed(conversation.id(), started.session().id));
    }

    /** Where a resume runs: where the agent ran, unless that was a Drover worktree that is gone (then its project). */
    private Uni<String> directory(ConversationRow conversation) {
        if (conversation.sessionId() == null) {
            return Uni.createFrom().item(conversation.project());
        }
        return sessions.find(conversation.sessionId())
                .chain(session -> worktrees.findBySession(session.id)
                        .map(worktree -> worktree != null && worktree.state == WorktreeState.MISSING
                                && worktree.path.equals(conversation.project()) ? session.cwd : conversation.project()));
    }
}
