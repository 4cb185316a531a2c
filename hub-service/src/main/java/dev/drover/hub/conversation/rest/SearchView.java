package dev.drover.hub.conversation.rest;

import dev.drover.hub.conversation.repository.ConversationRepository;
import dev.drover.hub.conversation.repository.SearchRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A page of search hits, how many messages match in all, and how long the search took on the hub. */
@RegisterForReflection
@Schema(name = "ConversationSearch")
public record SearchView(@Schema(required = true) long total, @Schema(required = true) long tookMs,
        @Schema(required = true) List<Hit> hits) {

    /**
     * A message that matches. {@code snippet} is HTML-escaped text with {@code <mark>…</mark>} around
     * the matches and no other markup.
     */
    @RegisterForReflection
    @Schema(name = "SearchHit")
    public record Hit(
            @Schema(required = true) String conversationId,
            @Schema(required = true) long messageSeq,
            @Schema(required = true) String role,
            @Schema(required = true) String kind,
            @Schema(required = true, nullable = true) String toolName,
            @Schema(required = true) String snippet,
            @Schema(required = true) double rank,
            @Schema(required = true) Instant at,
            @Schema(required = true, nullable = true) String hostName,
            @Schema(required = true, nullable = true) String project,
            @Schema(required = true) String agent,
            @Schema(required = true, nullable = true) String title) {

        static Hit of(SearchRow row) {
            return new Hit(row.conversationId().toString(), row.seq(), row.role(), row.kind(), row.toolName(),
                    SearchView.snippet(row.headline()), row.rank(), row.at(), row.hostName(), row.project(), row.agent(), row.title());
        }
    }

    /** A headline as HTML: everything escaped, then the match marks turned into {@code <mark>} elements. */
    static String snippet(String headline) {
        StringBuilder html = new StringBuilder(headline.length() + 32);
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> {
                    if (headline.startsWith(ConversationRepository.MARK_START, i)) {
                        html.append("<mark>");
                    } else if (headline.startsWith(ConversationRepository.MARK_END, i)) {
                        html.append("</mark>");
                    } else {
                        html.append(c);
                    }
                }
            }
        }
        return html.toString();
    }
}
