package io.github.tokenbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds rule-id citations ({@code R12}, {@code R14a}, {@code R38 (b)}, {@code R38 b)},
 * {@code R22 CONFLICT}, {@code P7}, {@code L3}, {@code N2}, {@code O11}, {@code D1}) in project files and checks
 * them against a {@link RuleCatalogue}.
 *
 * <p>In Java and C sources only comments and string literals are read, so identifiers never count;
 * every other file (markdown, scenarios, the divergence register) is read whole. An id is a letter
 * R, P, L, N, O or D and a number 1-99 with no word character on either side; it is not an id when it
 * follows a dash that follows a space or quote (a command-line flag such as {@code -O2}) or a year
 * ({@code Server 2008 R2}).
 */
final class RuleCitationScanner {

    /** One citation: where it is, the id, and the sub-item letter or evidence tag it names (or null). */
    record Citation(String file, int line, String id, String item, String tag) {
        String where() {
            return file + ":" + line;
        }

        String text() {
            return id + (item != null ? " (" + item + ")" : "") + (tag != null ? " " + tag : "");
        }
    }

    static final Pattern CITATION = Pattern.compile(
            "(?<![\\w])(?<![\\s\"'(\\[]-)(?<!^-)(?<!20\\d\\d )"
                    + "(?<id>[RPLNOD][1-9][0-9]?)"
                    + "(?:(?<letter>[a-z])|\\s?\\((?<paren>[a-z])\\)|\\s(?<bare>[a-h])(?=[)/,;.])"
                    + "|\\s(?<tag>CONFLICT|UNVERIFIED))?"
                    + "(?!\\w)", Pattern.MULTILINE);

    private RuleCitationScanner() {
    }

    /** The citations in one file's text; {@code file} decides whether only comments and strings are read. */
    static List<Citation> citations(String file, String text) {
        String readable = file.endsWith(".java") || file.endsWith(".c") || file.endsWith(".h")
                ? commentsAndStrings(text) : text;
        List<Citation> found = new ArrayList<>();
        String[] lines = readable.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CITATION.matcher(lines[i]);
            while (m.find()) {
                String item = m.group("letter") != null ? m.group("letter")
                        : m.group("paren") != null ? m.group("paren") : m.group("bare");
                found.add(new Citation(file, i + 1, m.group("id"), item, m.group("tag")));
            }
        }
        return found;
    }

    /**
     * The problems of {@code citations} against {@code catalogue}, one line each: an id with no
     * section, or a sub-item ({@code (b)}) or tag ({@code CONFLICT}) its section does not contain.
     */
    static List<String> unresolved(RuleCatalogue catalogue, List<Citation> citations) {
        List<String> problems = new ArrayList<>();
        for (Citation c : citations) {
            String section = catalogue.section(c.id());
            if (section == null) {
                problems.add(c.where() + ": " + c.id() + " has no section in the catalogue");
            } else if (c.item() != null && !section.contains("(" + c.item() + ")")) {
                problems.add(c.where() + ": " + c.text() + ": the section of " + c.id() + " has no item (" + c.item() + ")");
            } else if (c.tag() != null && !section.contains(c.tag())) {
                problems.add(c.where() + ": " + c.text() + ": the section of " + c.id() + " does not mention " + c.tag());
            }
        }
        return problems;
    }

    /**
     * Java or C text with everything but comments and string/text-block contents blanked out
     * (line breaks kept, so line numbers stay right). Character literals are blanked too.
     */
    static String commentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(src, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                if (c == '"') {
                    out.append(src, i, j);
                } else {
                    blank(out, src, i, j);
                }
                i = j;
            } else {
                out.append(c == '\n' ? '\n' : ' ');
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, String src, int from, int to) {
        for (int k = from; k < to; k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
