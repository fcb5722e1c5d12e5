package org.cnncourse.models;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of a Markdown page: the lines between {@code <!-- name -->} and
 * {@code <!-- /name -->}, written by {@code ./cnn-course docs} and compared by the tests.
 */
public final class MarkedBlocks {
    private MarkedBlocks() {
    }

    private static Matcher find(String document, String name) {
        Pattern block = Pattern.compile("(<!-- " + Pattern.quote(name) + " -->\\n)(.*?)(<!-- /" + Pattern.quote(name) + " -->)",
                Pattern.DOTALL);
        Matcher m = block.matcher(document);
        return m.find() ? m : null;
    }

    /** What the document's block says now, or null when it has none. */
    public static String quoted(String document, String name) {
        Matcher m = find(document, name);
        return m == null ? null : m.group(2);
    }

    /** The document with the block's content replaced. */
    public static String rewrite(String document, String name, String content) {
        Matcher m = find(document, name);
        if (m == null) {
            throw new IllegalArgumentException("the document has no <!-- " + name + " --> block");
        }
        return document.substring(0, m.start()) + m.group(1) + content + m.group(3) + document.substring(m.end());
    }
}
