package dev.junction.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Google service account made for one test: a fresh RSA key pair, its JSON key file (with the mock's token
 * endpoint as {@code token_uri}) and the mock told to trust its public key, so that Google's auth library signs a
 * real JWT assertion and the mock verifies it.
 *
 * @param file the JSON key file, as {@code credentials_file} takes it
 * @param clientEmail the account's e-mail, the assertion's issuer
 */
public record TestServiceAccount(Path file, String clientEmail) {

    /** Creates the account's key file in {@code directory} and registers its key with {@code mock}. */
    public static TestServiceAccount create(MockUpstream mock, Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String email = "junction-test@mock-project.iam.gserviceaccount.com";
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            ObjectNode json = JsonText.MAPPER.createObjectNode().put("type", "service_account")
                    .put("project_id", "mock-project").put("private_key_id", "mock-key-1").put("private_key", pem)
                    .put("client_email", email).put("client_id", "100000000000000000001")
                    .put("token_uri", mock.rootUrl() + GoogleTokenEndpoint.PATH);
            Path file = directory.resolve("service-account.json");
            Files.writeString(file, JsonText.MAPPER.writeValueAsString(json));
            mock.googleTokens().trust(email, keys.getPublic());
            return new TestServiceAccount(file, email);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
