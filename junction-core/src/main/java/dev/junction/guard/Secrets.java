package dev.junction.guard;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in secret detectors, as the detector {@code secrets}: the published key formats of the major providers
 * and clouds (OpenAI, Anthropic, AWS access key ids, GitHub, Slack, Google API keys, Stripe), PEM private keys,
 * JSON Web Tokens, and high-entropy values assigned to key-like names ({@code api_key = …}, {@code "token": "…"}).
 */
public final class Secrets {

    public static final String OPENAI_KEY = "OPENAI_KEY";
    public static final String ANTHROPIC_KEY = "ANTHROPIC_KEY";
    public static final String AWS_ACCESS_KEY = "AWS_ACCESS_KEY";
    public static final String GITHUB_TOKEN = "GITHUB_TOKEN";
    public static final String SLACK_TOKEN = "SLACK_TOKEN";
    public static final String GOOGLE_API_KEY = "GOOGLE_API_KEY";
    public static final String STRIPE_KEY = "STRIPE_KEY";
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    public static final String JWT = "JWT";
    public static final String GENERIC_SECRET = "GENERIC_SECRET";

    private static final String NAME = "secrets";

    private Secrets() {
    }

    /** All of them as the detector {@code secrets}. */
    public static Detector detector() {
        return new CompositeDetector(NAME, List.of(
                token(ANTHROPIC_KEY, "sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{32,}", '-', 0.99),
                token(OPENAI_KEY, "sk-(?:proj-|svcacct-|admin-)?(?!ant-)[A-Za-z0-9_-]{20,}", '-', 0.95),
                token(AWS_ACCESS_KEY, "(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", 'A', 0.95),
                token(GITHUB_TOKEN, "(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})", '_', 0.99),
                token(SLACK_TOKEN, "xox[abposr]-[A-Za-z0-9-]{10,250}", '-', 0.95),
                token(GOOGLE_API_KEY, "AIza[0-9A-Za-z_-]{35}", 'A', 0.9),
                token(STRIPE_KEY, "(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,99}", '_', 0.95),
                new PatternDetector(NAME, PRIVATE_KEY, Pattern.compile(
                        "-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\\s\\S]*?"
                                + "(?:-----END (?:[A-Z]+ )?PRIVATE KEY-----|\\z)"),
                        PatternDetector.contains('-'), s -> true, 0.99),
                token(JWT, "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}", '.', 0.95),
                new PatternDetector(NAME, GENERIC_SECRET, Pattern.compile(
                        "(?i)(?:api[_-]?key|secret|token|password|passwd|access[_-]?key|auth)[\"']?\\s*[:=]\\s*[\"']?"
                                + "([A-Za-z0-9+/_\\-.=]{20,})"),
                        text -> PatternDetector.contains('=').test(text) || PatternDetector.contains(':').test(text),
                        Secrets::highEntropy, 0.7)));
    }

    private static Detector token(String type, String regex, char required, double confidence) {
        return new PatternDetector(NAME, type, Pattern.compile("(?<![A-Za-z0-9_-])(" + regex + ")(?![A-Za-z0-9_-])"),
                PatternDetector.contains(required), s -> true, confidence);
    }

    /**
     * Whether {@code s} looks random: at least 3.5 bits of Shannon entropy per character and a mix of letters and
     * digits (so that {@code password: correcthorsebatterystaple} or a long word is not one).
     */
    static boolean highEntropy(String s) {
        int[] counts = new int[128];
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            counts[c & 127]++;
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / s.length();
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return digit && letter && entropy >= 3.5;
    }

    /** Every entity type of {@link #detector}. */
    public static final Set<String> TYPES = Set.of(OPENAI_KEY, ANTHROPIC_KEY, AWS_ACCESS_KEY, GITHUB_TOKEN,
            SLACK_TOKEN, GOOGLE_API_KEY, STRIPE_KEY, PRIVATE_KEY, JWT, GENERIC_SECRET);
}
