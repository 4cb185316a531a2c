package dev.drover.hub.prompt.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PromptDeliveryRepository implements PanacheRepositoryBase<PromptDelivery, UUID> {

    /** The prompt's deliveries, in the order of its sessions. */
    public Uni<List<PromptDelivery>> ofPrompt(UUID promptId) {
        return list("promptId", Sort.ascending("position"), promptId);
    }

    /** The session's latest {@code limit} deliveries, newest first. */
    public Uni<List<PromptDelivery>> ofSession(UUID sessionId, int limit) {
        return find("sessionId", Sort.descending("id"), sessionId).page(Page.ofSize(limit)).list();
    }

    /** Ends every delivery still under way as failed with {@code why} (the hub that ran them stopped). */
    public Uni<Integer> abandonUnfinished(String why, Instant at) {
        return update("status = ?1, detail = ?2, finishedAt = ?3 where status in ?4", DeliveryStatus.FAILED, why, at,
                List.of(DeliveryStatus.WAITING, DeliveryStatus.TYPED));
    }
}
