package dev.junction.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    private final Detector pii = PersonalData.detector("US");

    private List<String> types(String text) {
        return pii.scan(text).stream().map(Finding::entityType).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write to jane.doe+news@example.co.uk today|EMAIL",
            "card 4111 1111 1111 1111 expires soon|CREDIT_CARD",
            "card 4111-1111-1111-1111|CREDIT_CARD",
            "amex 378282246310005 on file|CREDIT_CARD",
            "mastercard 5500005555555559|CREDIT_CARD",
            "pay to GB82 WEST 1234 5698 7654 32 please|IBAN",
            "IBAN DE89370400440532013000|IBAN",
            "FR1420041010050500013M02606 is the account|IBAN",
            "my SSN is 078-05-1120|US_SSN",
            "NI number AB 12 34 56 C|UK_NINO",
            "NI number JG103759A|UK_NINO",
            "身份证 11010519491231002X 已登记|CN_RESIDENT_ID",
            "id 440308199003072342|CN_RESIDENT_ID",
            "the server at 192.168.10.24 is down|IP_ADDRESS",
            "ping 2001:db8::8a2e:370:7334 now|IP_ADDRESS",
            "call me at (415) 555-2671 tonight|PHONE",
            "or +44 20 7946 0958 in London|PHONE",
    })
    void findsEachEntityOfItsType(String text, String type) {
        assertThat(types(text)).containsExactly(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "card 4111 1111 1111 1112 fails the Luhn check",
            "order number 1234567890123 shipped",
            "GB82WEST12345698765433 has a wrong checksum",
            "SSN 000-12-3456 and 666-12-3456 and 912-34-5678 are never assigned",
            "NI GB123456A is an invalid prefix",
            "110105194913310021 has no such birth date",
            "11010519491231002Y has a wrong check character",
            "version 1.2.3 and 10.0.19045 builds",
            "meeting at 12:30:45 on 2024-03-15",
            "user@localhost is not routable",
            "the year 2025 had 365 days and 8760 hours",
    })
    void invalidOrLookAlikeValuesAreNotReported(String text) {
        assertThat(pii.scan(text)).isEmpty();
    }

    @Test
    void spansCoverExactlyTheValue() {
        String text = "mail bob@example.com now";
        Finding f = pii.scan(text).getFirst();

        assertThat(text.substring(f.start(), f.end())).isEqualTo("bob@example.com");
        assertThat(f.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void severalEntitiesComeInOrderOfStart() {
        assertThat(types("a@b.io, 078-05-1120, 10.0.0.1")).containsExactly("EMAIL", "US_SSN", "IP_ADDRESS");
    }

    @Test
    void aTextWithoutDigitsOrSignsFindsNothing() {
        assertThat(pii.scan("Plain words only, nothing to see here")).isEmpty();
    }
}
