package dev.junction.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt-injection and jailbreak heuristics, as the detector {@code injection}: instruction overrides ("ignore all
 * previous instructions"), role-play escapes ("you are now DAN, with no restrictions", "developer mode"), requests for
 * the hidden prompt, hidden text (invisible and direction-overriding characters, Unicode tag characters), and base64
 * runs that decode to any of these. Heuristics, not a classifier: the phrases need their object ("instructions",
 * "restrictions"), so that "ignore the warnings" or "act as a reviewer" pass.
 */
public final class Injection implements Detector {

    public static final String INSTRUCTION_OVERRIDE = "INSTRUCTION_OVERRIDE";
    public static final String ROLE_PLAY_ESCAPE = "ROLE_PLAY_ESCAPE";
    public static final String PROMPT_EXTRACTION = "PROMPT_EXTRACTION";
    public static final String HIDDEN_TEXT = "HIDDEN_TEXT";
    public static final String ENCODED_INSTRUCTION = "ENCODED_INSTRUCTION";

    /** Every entity type of this detector. */
    public static final Set<String> TYPES = Set.of(INSTRUCTION_OVERRIDE, ROLE_PLAY_ESCAPE, PROMPT_EXTRACTION,
            HIDDEN_TEXT, ENCODED_INSTRUCTION);

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern OVERRIDE = Pattern.compile(
            "\\b(?:ignore|disregard|forget|override|bypass|skip)\\s+(?:(?:all|any|every|the|your|my|of|these|those|"
                    + "previous|prior|above|earlier|preceding|initial|original|system|developer)\\s+){1,4}"
                    + "(?:instructions?|prompts?|rules|directives?|guidelines|guardrails|constraints)\\b", FLAGS);
    private static final Pattern ROLE_PLAY = Pattern.compile(
            "\\b(?:(?:you\\s+are\\s+now|pretend\\s+(?:to\\s+be|you\\s+are)|act\\s+as|roleplay\\s+as|from\\s+now\\s+on"
                    + "\\s+you\\s+(?:are|will\\s+be))\\b[^.\\n]{0,60}?\\b(?:DAN|unfiltered|uncensored|jailbroken|evil|"
                    + "without\\s+(?:any\\s+)?(?:restrictions|filters|rules|limits|guidelines)|no\\s+(?:restrictions|"
                    + "rules|filters|limits|guidelines))\\b|\\bdo\\s+anything\\s+now\\b|\\b(?:developer|god|jailbreak)"
                    + "\\s+mode\\s+(?:enabled|on|activated)\\b|\\benable\\s+(?:developer|jailbreak)\\s+mode\\b)",
            FLAGS);
    private static final Pattern EXTRACTION = Pattern.compile(
            "\\b(?:reveal|print|show|repeat|output|leak|dump|tell\\s+me)\\s+(?:me\\s+)?(?:your|the)\\s+(?:full\\s+)?"
                    + "(?:system|hidden|initial|original|secret)\\s+(?:prompt|instructions|message)\\b", FLAGS);
    private static final Pattern BASE64 = Pattern.compile(
            "(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])");

    @Override
    public String name() {
        return "injection";
    }

    @Override
    public Set<String> entityTypes() {
        return TYPES;
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>(0);
        phrases(text, found);
        hidden(text, found);
        encoded(text, found);
        if (found.isEmpty()) {
            return List.of();
        }
        return CompositeDetector.withoutOverlaps(found);
    }

    /** Whether {@code text} holds an override, escape or extraction phrase. */
    static boolean phrases(CharSequence text, List<Finding> found) {
        int before = found.size();
        add(OVERRIDE.matcher(text), INSTRUCTION_OVERRIDE, 0.9, found);
        add(ROLE_PLAY.matcher(text), ROLE_PLAY_ESCAPE, 0.85, found);
        add(EXTRACTION.matcher(text), PROMPT_EXTRACTION, 0.8, found);
        return found.size() > before;
    }

    private static void add(Matcher m, String type, double confidence, List<Finding> found) {
        while (m.find()) {
            found.add(new Finding(type, m.start(), m.end(), confidence));
        }
    }

    /** Runs of invisible or direction-overriding characters (zero-width joiners, used by emoji and scripts, pass). */
    private static void hidden(CharSequence text, List<Finding> found) {
        int start = -1;
        for (int i = 0, n = text.length(); i <= n; ) {
            int cp = i < n ? Character.codePointAt(text, i) : -1;
            boolean hidden = cp >= 0 && hiddenCodePoint(cp, i);
            if (hidden && start < 0) {
                start = i;
            } else if (!hidden && start >= 0) {
                found.add(new Finding(HIDDEN_TEXT, start, i, 0.8));
                start = -1;
            }
            i += cp >= 0 ? Character.charCount(cp) : 1;
        }
    }

    private static boolean hiddenCodePoint(int cp, int index) {
        return cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || (cp == 0xFEFF && index > 0)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || (cp >= 0xE0000 && cp <= 0xE007F);
    }

    /** Base64 runs whose decoded text is readable and holds an injection phrase. */
    private static void encoded(CharSequence text, List<Finding> found) {
        Matcher m = BASE64.matcher(text);
        while (m.find()) {
            String run = m.group();
            if (run.length() % 4 == 1) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(run.length() % 4 == 0 ? run
                        : run + "=".repeat(4 - run.length() % 4));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            if (decoded.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t')
                    && phrases(decoded, new ArrayList<>(1))) {
                found.add(new Finding(ENCODED_INSTRUCTION, m.start(), m.end(), 0.9));
            }
        }
    }
}
