package dev.junction.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed TLS certificate for {@code localhost} and {@code 127.0.0.1} (RSA 2048, SHA-256, valid from a day ago
 * for a day), made with the JDK alone: the X.509 structure is written in DER here and signed with
 * {@link Signature}, since the JDK has no public certificate builder and tests should not need keytool or another
 * library. For tests only: the key is generated in memory and never protected. Immutable.
 */
public final class TestCertificate {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final byte[] SHA256_WITH_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 11};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};

    private final String certificatePem;
    private final String privateKeyPem;

    private TestCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /** A new key pair and its self-signed certificate. */
    public static TestCertificate create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = sequence(oid(SHA256_WITH_RSA), new byte[] {0x05, 0x00});
            byte[] name = sequence(set(sequence(oid(COMMON_NAME), tagged(0x0c, ascii("localhost")))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] validity = sequence(tagged(0x17, ascii(UTC_TIME.format(now.minusDays(1)))),
                    tagged(0x17, ascii(UTC_TIME.format(now.plusDays(1)))));
            byte[] altNames = sequence(tagged(0x82, ascii("localhost")), tagged(0x87, new byte[] {127, 0, 0, 1}));
            byte[] extensions = tagged(0xa3, sequence(sequence(oid(SUBJECT_ALT_NAME), tagged(0x04, altNames))));
            byte[] tbs = sequence(tagged(0xa0, integer(BigInteger.TWO)),
                    integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)), algorithm, name, validity,
                    name, keys.getPublic().getEncoded(), extensions);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // a BIT STRING starts with its count of unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] certificate = sequence(tbs, algorithm, tagged(0x03, bits));
            return new TestCertificate(pem("CERTIFICATE", certificate), pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime can make RSA keys and SHA-256 signatures", e);
        }
    }

    /** {@return the certificate in PEM form: what a client that trusts it is given} */
    public String certificatePem() {
        return certificatePem;
    }

    /** {@return the private key, PKCS #8 in PEM form} */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /**
     * Writes the certificate to {@code file} in PEM form.
     *
     * @param file where to write it
     * @return the file
     */
    public Path writeCertificate(Path file) {
        try {
            return Files.writeString(file, certificatePem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] oid(byte[] encoded) {
        return tagged(0x06, encoded);
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tagged(0x30, parts);
    }

    private static byte[] set(byte[]... parts) {
        return tagged(0x31, parts);
    }

    /** One DER element: its tag, its length (short or long form), then the parts as its content. */
    private static byte[] tagged(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
