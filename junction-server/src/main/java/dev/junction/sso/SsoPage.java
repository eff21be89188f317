package dev.junction.sso;

/**
 * The small HTML page a browser sees when a single sign-on ends anywhere but the console: refused, expired or
 * failed. It says what happened and links back to the console's sign-in; its text is escaped.
 */
public final class SsoPage {

    private SsoPage() {}

    /** The page with this title and explanation. */
    public static String render(String title, String message) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%1$s · Junction</title>
                <style>body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#1a1b1e;margin:0}
                main{max-width:32rem;margin:12vh auto;background:#fff;border:1px solid #dee2e6;border-radius:8px;
                padding:2rem}h1{font-size:1.25rem;margin:0 0 1rem}p{line-height:1.5}a{color:#1c7ed6}</style>
                </head><body><main role="alert"><h1>%1$s</h1><p>%2$s</p>
                <p><a href="/console/">Back to the console's sign-in</a></p></main></body></html>
                """.formatted(escape(title), escape(message));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
