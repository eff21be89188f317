package dev.junction.guard;

import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in personal-data detectors, each an entity type confirmed by its own rule: e-mail addresses, payment
 * cards (Luhn), IBANs (ISO 13616 mod 97), US social security numbers (the SSA's reserved ranges excluded), UK
 * National Insurance numbers (the HMRC prefix rules), Chinese resident identity numbers (a real birth date and the
 * ISO 7064 MOD 11-2 check digit), IPv4 and IPv6 addresses, and phone numbers ({@link PhoneDetector}).
 */
public final class PersonalData {

    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String CREDIT_CARD = "CREDIT_CARD";
    public static final String IBAN = "IBAN";
    public static final String US_SSN = "US_SSN";
    public static final String UK_NINO = "UK_NINO";
    public static final String CN_RESIDENT_ID = "CN_RESIDENT_ID";
    public static final String IP_ADDRESS = "IP_ADDRESS";

    /** Every entity type of {@link #detector}. */
    public static final Set<String> TYPES = Set.of(EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, UK_NINO, CN_RESIDENT_ID,
            IP_ADDRESS);

    private static final String NAME = "pii";

    private PersonalData() {
    }

    /** All of them as the detector {@code pii}; phone numbers without a country code are read as {@code region}'s. */
    public static Detector detector(String region) {
        return new CompositeDetector(NAME, List.of(email(), card(), iban(), ssn(), nino(), chineseId(), ipv4(), ipv6(),
                new PhoneDetector(NAME, region)));
    }

    static Detector email() {
        return new PatternDetector(NAME, EMAIL, Pattern.compile(
                "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,24}"
                        + "(?![\\w-])"), PatternDetector.contains('@'), s -> true, 0.95);
    }

    static Detector card() {
        return new PatternDetector(NAME, CREDIT_CARD,
                Pattern.compile("(?<![\\d-])([2-6]\\d{3}(?:[ -]?\\d){9,15})(?![\\d-])"),
                PatternDetector.digits(13), PersonalData::luhn, 0.9);
    }

    static Detector iban() {
        return new PatternDetector(NAME, IBAN, Pattern.compile(
                "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])"),
                PatternDetector.digits(6), PersonalData::ibanChecksum, 0.95);
    }

    static Detector ssn() {
        return new PatternDetector(NAME, US_SSN, Pattern.compile("(?<![\\d-])(\\d{3}-\\d{2}-\\d{4})(?![\\d-])"),
                PatternDetector.contains('-'), PersonalData::ssnAssignable, 0.85);
    }

    static Detector nino() {
        return new PatternDetector(NAME, UK_NINO, Pattern.compile(
                "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D])(?![A-Za-z0-9])"),
                PatternDetector.digits(6), s -> !Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")
                .contains(s.substring(0, 2)), 0.85);
    }

    static Detector chineseId() {
        return new PatternDetector(NAME, CN_RESIDENT_ID,
                Pattern.compile("(?<![\\dA-Za-z])(\\d{17}[\\dXx])(?![\\dA-Za-z])"),
                PatternDetector.digits(17), PersonalData::chineseIdValid, 0.95);
    }

    static Detector ipv4() {
        String octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        return new PatternDetector(NAME, IP_ADDRESS, Pattern.compile(
                "(?<![\\d.])(" + octet + "(?:\\." + octet + "){3})(?![\\d.]|\\.\\d)"), PatternDetector.contains('.'),
                s -> true, 0.7);
    }

    static Detector ipv6() {
        return new PatternDetector(NAME, IP_ADDRESS, Pattern.compile(
                "(?<![\\w:])((?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w:])"),
                PatternDetector.contains(':'), PersonalData::ipv6Literal, 0.8);
    }

    /** The Luhn check over the digits of {@code s} (separators ignored), for 13 to 19 digits. */
    static boolean luhn(String s) {
        int sum = 0;
        int count = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (count++ % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return count >= 13 && count <= 19 && sum % 10 == 0;
    }

    /** ISO 13616: country code and check digits moved to the end, letters as numbers, the whole mod 97 is 1. */
    static boolean ibanChecksum(String s) {
        String iban = s.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int v = Character.digit(rearranged.charAt(i), 36);
            remainder = v < 10 ? (remainder * 10 + v) % 97 : (remainder * 100 + v) % 97;
        }
        return remainder == 1;
    }

    /** Not in the ranges the SSA never assigns: area 000, 666 or 900-999, group 00, serial 0000. */
    static boolean ssnAssignable(String s) {
        int area = Integer.parseInt(s, 0, 3, 10);
        return area != 0 && area != 666 && area < 900 && !s.startsWith("00", 4) && !s.startsWith("0000", 7);
    }

    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";

    /** A real birth date at positions 7-14 and the ISO 7064 MOD 11-2 check character. */
    static boolean chineseIdValid(String s) {
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(s, 6, 10, 10), Integer.parseInt(s, 10, 12, 10),
                    Integer.parseInt(s, 12, 14, 10));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return false;
            }
        } catch (DateTimeException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * CN_WEIGHTS[i];
        }
        return Character.toUpperCase(s.charAt(17)) == CN_CHECK.charAt(sum % 11);
    }

    /** A literal IPv6 address with at least one hex digit (so that {@code ::} alone, or a time, is not one). */
    static boolean ipv6Literal(String s) {
        if (s.chars().noneMatch(c -> Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(s) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
