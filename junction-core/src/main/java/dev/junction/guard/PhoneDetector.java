package dev.junction.guard;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers, found and validated by libphonenumber (Google's own metadata for every numbering plan) at its
 * {@code VALID} leniency: a number must be a possible, assigned-range number of its region. International numbers
 * ({@code +44 …}) are recognised in any text; numbers without a country code are read as {@code region}'s.
 */
final class PhoneDetector implements Detector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String name;
    private final String region;

    PhoneDetector(String name, String region) {
        this.name = name;
        this.region = region;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> entityTypes() {
        return Set.of(PersonalData.PHONE);
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        if (!PatternDetector.digits(7).test(text)) {
            return List.of();
        }
        List<Finding> found = null;
        for (PhoneNumberMatch m : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            if (found == null) {
                found = new ArrayList<>(2);
            }
            found.add(new Finding(PersonalData.PHONE, m.start(), m.end(), 0.85));
        }
        return found == null ? List.of() : found;
    }
}
