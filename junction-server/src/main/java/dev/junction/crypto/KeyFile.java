package dev.junction.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that keeps the secret key when {@code JUNCTION_SECRET_KEY} is not set: one line of base64, readable and
 * writable by its owner only. Stateless; safe to call from several threads and processes at once.
 */
final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private KeyFile() {
    }

    /** The key in {@code file}; empty when there is no such file. Warns when others may read it. */
    static Optional<byte[]> read(Path file) {
        String text;
        try {
            // ISO-8859-1 decodes any bytes, so a damaged file is reported as holding no key rather than as unreadable.
            text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secret key file " + file + ": " + e, e);
        }
        warnIfShared(file);
        return Optional.of(GatewaySecretKey.decode(text).orElseThrow(() -> new IllegalStateException(
                "the secret key file " + file + " does not hold a 32-byte key in base64; restore it from your backup"
                        + " or set " + GatewaySecretKey.ENV)));
    }

    /**
     * Writes {@code key} to a new {@code file}, creating its directories. The file appears complete or not at all: the
     * key goes to a temporary file (owner-only from its creation, so there is no moment when others could read it),
     * which is then linked or moved into place.
     *
     * @return empty when this call created the file; the key already there when another process created it first
     */
    static Optional<byte[]> create(Path file, byte[] key) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dir);
                LOG.warn("The file system of {} has no POSIX permissions: restrict access to the secret key file"
                        + " by other means.", target);
            }
            Path temp = posix
                    ? Files.createTempFile(dir, ".secret-key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".secret-key-", ".tmp");
            try {
                write(temp, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                Optional<byte[]> theirs = publish(temp, target);
                syncDirectory(dir);
                warnIfShared(target);
                return theirs;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the secret key file " + target + ": " + e, e);
        }
    }

    private static Optional<byte[]> publish(Path temp, Path target) throws IOException {
        try {
            // A hard link, unlike a move, never replaces a file: of two replicas starting together, one key survives.
            Files.createLink(target, temp);
            return Optional.empty();
        } catch (FileAlreadyExistsException createdMeanwhile) {
            return Optional.of(read(target).orElseThrow(() -> new IllegalStateException(
                    "the secret key file " + target + " appeared and vanished while it was being created")));
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes the new directory entry durable where the platform allows it (Linux does; Windows cannot open one). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            LOG.debug("Could not sync directory {}: {}", dir, notSupported.toString());
        }
    }

    private static void warnIfShared(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException noPosixPermissions) {
            return;
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn("The secret key file {} has permissions {}, broader than rw-------: run chmod 600 on it.",
                    file, PosixFilePermissions.toString(permissions));
        }
    }
}
