package dev.drover.hub.spend.rest;

import dev.drover.hub.csv.CsvLines;
import dev.drover.hub.spend.repository.SpendDimension;
import dev.drover.hub.spend.repository.SpendRow;
import dev.drover.hub.spend.service.SpendReport;
import dev.drover.hub.validation.UsdAmount;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A spend report as CSV (RFC 4180, CRLF line ends, a header row): the group's columns, then the figures. A text
 * cell that a spreadsheet would take for a formula (it starts with {@code = + - @}, a tab or a carriage return)
 * gets a leading {@code '}: project paths and tasks are typed by people.
 */
final class SpendCsv {

    private static final List<String> FIGURES = List.of("input_tokens", "output_tokens", "cache_read_tokens",
            "cache_creation_tokens", "tokens", "cost_usd", "estimated_cost_usd", "unpriced_tokens", "unpriced_events",
            "sessions");

    private SpendCsv() {
    }

    static String of(SpendReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(groupColumns(report.by()));
        header.addAll(FIGURES);
        CsvLines.append(csv, header);
        for (SpendRow row : report.rows()) {
            List<String> cells = new ArrayList<>(groupCells(report.by(), row));
            cells.addAll(figures(row));
            CsvLines.append(csv, cells);
        }
        return csv.toString();
    }

    /** The file name a browser saves it as, e.g. {@code drover-spend-by-day-2026-11-08-2026-12-07.csv}. */
    static String fileName(SpendReport report) {
        return "drover-spend-by-" + report.by().wire() + "-" + report.from() + "-" + report.to() + ".csv";
    }

    private static List<String> groupColumns(SpendDimension by) {
        return switch (by) {
            case DAY -> List.of("day");
            case HOST -> List.of("host_id", "host");
            case PROJECT -> List.of("host_id", "host", "project");
            case MODEL -> List.of("model");
            case PROFILE -> List.of("profile");
            case USER -> List.of("user");
            case SESSION -> List.of("session_id", "host_id", "host", "project", "profile", "user", "task");
        };
    }

    private static List<String> groupCells(SpendDimension by, SpendRow row) {
        return switch (by) {
            case DAY -> List.of(row.day());
            case HOST -> List.of(text(row.hostId()), text(row.hostName()));
            case PROJECT -> List.of(text(row.hostId()), text(row.hostName()), text(row.project()));
            case MODEL -> List.of(text(row.model()));
            case PROFILE -> List.of(text(row.profile()));
            case USER -> List.of(text(row.user()));
            case SESSION -> List.of(text(row.sessionId()), text(row.hostId()), text(row.hostName()),
                    text(row.project()), text(row.profile()), text(row.user()), text(row.task()));
        };
    }

    private static List<String> figures(SpendRow row) {
        return List.of(Long.toString(row.inputTokens()), Long.toString(row.outputTokens()),
                Long.toString(row.cacheReadTokens()), Long.toString(row.cacheCreationTokens()),
                Long.toString(SpendRowView.tokens(row)), UsdAmount.usd(row.costNanoUsd()),
                UsdAmount.usd(row.estimatedNanoUsd()), Long.toString(row.unpricedTokens()),
                Long.toString(row.unpricedEvents()), Long.toString(row.sessions()));
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
