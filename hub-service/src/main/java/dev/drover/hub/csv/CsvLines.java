package dev.drover.hub.csv;

import java.util.List;

/**
 * CSV as the hub exports it (RFC 4180, CRLF line ends): a cell is quoted when it holds a comma, a
 * quote or a line break, and a cell a spreadsheet would take as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) gets a leading {@code '}.
 */
public final class CsvLines {

    private CsvLines() {
    }

    /** Appends one line of {@code cells} (null is an empty cell) to {@code csv}. */
    public static void append(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
