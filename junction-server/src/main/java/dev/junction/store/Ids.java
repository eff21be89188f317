package dev.junction.store;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Readable, unguessable ids for stored entities: a prefix naming the kind, then 20 random base-62 characters. */
public final class Ids {

    /** The prefix of tenant ids. */
    public static final String TENANT = "ten";
    /** The prefix of team ids. */
    public static final String TEAM = "team";
    /** The prefix of user ids. */
    public static final String USER = "usr";
    /** The prefix of virtual-key ids. */
    public static final String KEY = "key";
    /** The prefix of budget ids. */
    public static final String BUDGET = "bud";

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern PREFIX = Pattern.compile("[a-z]{1,16}");
    private static final int RANDOM_CHARS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /**
     * A new id: {@code prefix + "_" +} 20 base-62 characters (about 119 random bits), e.g. {@code newId("key")} gives
     * {@code key_4fT0…}. Thread safe.
     *
     * @param prefix lowercase letters, such as {@link #TENANT}
     */
    public static String newId(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("an id prefix is 1 to 16 lowercase letters, got '" + prefix + "'");
        }
        StringBuilder id = new StringBuilder(prefix.length() + 1 + RANDOM_CHARS).append(prefix).append('_');
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return id.toString();
    }
}
