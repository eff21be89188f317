package dev.junction.audio.duration;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Measures an audio file's duration from its container's headers while its bytes stream past, as they are received
 * (nothing is decoded or kept: only the header being read). The container is told by the first bytes: RIFF WAVE,
 * MP3 (with or without an ID3v2 tag) or AAC in ADTS, FLAC, Ogg (Opus or Vorbis), MP4/M4A; anything else, or a
 * stream whose headers do not add up, has no measured duration. Not thread safe: one per upload, fed in order on one
 * thread (or with a happens-before between feeds).
 */
public final class DurationMeter {

    private static final int SNIFF = 12;

    private final byte[] head = new byte[SNIFF];
    private int sniffed;
    private ContainerReader reader;
    private boolean unknown;

    /** Feeds the next bytes of the file. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Feeds {@code length} bytes of {@code bytes} from {@code offset}, the next bytes of the file. */
    public void feed(byte[] bytes, int offset, int length) {
        if (unknown) {
            return;
        }
        if (reader != null) {
            reader.feed(bytes, offset, length);
            return;
        }
        int n = Math.min(SNIFF - sniffed, length);
        System.arraycopy(bytes, offset, head, sniffed, n);
        sniffed += n;
        if (sniffed < SNIFF) {
            return;
        }
        choose();
        if (reader != null) {
            reader.feed(head, 0, SNIFF);
            reader.feed(bytes, offset + n, length - n);
        }
    }

    /**
     * The file's duration in seconds, once all of it has been fed; empty when its container is not one of those
     * read, or its headers do not tell.
     */
    public OptionalDouble seconds() {
        if (reader == null && !unknown && sniffed > 0) {
            choose(); // a file shorter than the sniff
            if (reader != null) {
                reader.feed(head, 0, sniffed);
            }
        }
        return reader == null ? OptionalDouble.empty() : reader.seconds();
    }

    private void choose() {
        byte[] b = Arrays.copyOf(head, sniffed);
        if (ContainerReader.ascii(b, 0, "RIFF") && ContainerReader.ascii(b, 8, "WAVE")) {
            reader = new WavReader();
        } else if (ContainerReader.ascii(b, 0, "fLaC")) {
            reader = new FlacReader();
        } else if (ContainerReader.ascii(b, 0, "OggS")) {
            reader = new OggReader();
        } else if (ContainerReader.ascii(b, 4, "ftyp")) {
            reader = new Mp4Reader();
        } else if (ContainerReader.ascii(b, 0, "ID3") || b.length >= 2 && (b[0] & 0xFF) == 0xFF
                && (b[1] & 0xE0) == 0xE0) {
            reader = new MpegFrameReader();
        } else {
            unknown = true;
        }
    }
}
