package dev.junction.audio.duration;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small audio files written byte by byte, as their encoders lay them out (silent payloads: only headers matter). */
final class AudioSamples {

    private AudioSamples() {}

    /** 16-bit PCM WAV with a LIST chunk before the samples. */
    static byte[] wav(int sampleRate, int channels, double seconds, boolean openSize) {
        int byteRate = sampleRate * channels * 2;
        int data = (int) Math.round(seconds * byteRate);
        byte[] list = "INFOISFT\u0005\u0000\u0000\u0000test\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 16 + 8 + list.length + 8 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(openSize ? -1 : 4 + 24 + 8 + list.length + 8 + data).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(byteRate).putShort((short) (channels * 2)).putShort((short) 16);
        b.put(ascii("LIST")).putInt(list.length).put(list);
        b.put(ascii("data")).putInt(openSize ? -1 : data);
        return b.array();
    }

    /** MPEG-1 layer III frames at 44.1 kHz, alternating 128 and 192 kbit/s, after an ID3v2 tag and before ID3v1. */
    static byte[] mp3(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] tag = new byte[10 + 300];
        System.arraycopy(ascii("ID3"), 0, tag, 0, 3);
        tag[3] = 4;
        tag[9] = (byte) 300 & 0x7F;
        tag[8] = (byte) (300 >> 7);
        out.writeBytes(tag);
        for (int i = 0; i < frames; i++) {
            boolean fast = i % 2 == 1;
            int length = 144 * (fast ? 192_000 : 128_000) / 44_100;
            byte[] frame = new byte[length];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB; // MPEG-1, layer III, no CRC
            frame[2] = (byte) ((fast ? 0xB : 0x9) << 4); // bitrate index, 44.1 kHz, no padding
            frame[3] = (byte) 0x44;
            out.writeBytes(frame);
        }
        byte[] v1 = new byte[128];
        System.arraycopy(ascii("TAG"), 0, v1, 0, 3);
        out.writeBytes(v1);
        return out.toByteArray();
    }

    /** AAC-LC frames in ADTS at 24 kHz, one raw block each. */
    static byte[] adts(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 200;
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[length];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xF1; // MPEG-4, no CRC
            frame[2] = (byte) (1 << 6 | 6 << 2); // AAC LC, 24 kHz
            frame[3] = (byte) (2 << 6 | length >> 11 & 0x3);
            frame[4] = (byte) (length >> 3);
            frame[5] = (byte) ((length & 0x7) << 5 | 0x1F);
            frame[6] = (byte) 0xFC;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A FLAC stream's signature, STREAMINFO (last metadata block) and some frame bytes. */
    static byte[] flac(int sampleRate, long samples) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 34 + 100);
        b.put(ascii("fLaC")).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);
        b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
        // 20 bits rate, 3 bits channels-1 (1), 5 bits bps-1 (15), 36 bits samples
        long packed = (long) sampleRate << 44 | 1L << 41 | 15L << 36 | samples;
        b.putLong(packed);
        b.put(new byte[16]); // MD5
        return b.array();
    }

    /** Ogg Opus: the identification page, a comment page, then audio pages of 20 ms packets, last granule given. */
    static byte[] opus(int preSkip, long lastGranule) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("OpusHead")).put((byte) 1).put((byte) 2).putShort((short) preSkip).putInt(48_000)
                .putShort((short) 0).put((byte) 0);
        out.writeBytes(page(0, 0, head.array()));
        out.writeBytes(page(1, 0, ascii("OpusTags\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000")));
        long granule = preSkip;
        int sequence = 2;
        while (granule < lastGranule) {
            granule = Math.min(lastGranule, granule + 48_000);
            out.writeBytes(page(sequence++, granule, new byte[600]));
        }
        out.writeBytes(page(sequence, -1, new byte[10])); // a page on which no packet ends
        return out.toByteArray();
    }

    private static byte[] page(int sequence, long granule, byte[] body) {
        int segments = body.length / 255 + 1;
        ByteBuffer b = ByteBuffer.allocate(27 + segments + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("OggS")).put((byte) 0).put((byte) 0).putLong(granule).putInt(0x1234).putInt(sequence).putInt(0)
                .put((byte) segments);
        for (int i = 0; i < segments - 1; i++) {
            b.put((byte) 255);
        }
        b.put((byte) (body.length % 255));
        b.put(body);
        return b.array();
    }

    /** An M4A with its movie box after the media, the movie header of the given version. */
    static byte[] m4a(long timescale, long duration, boolean version1) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        b.putInt(20).put(ascii("ftypM4A ")).putInt(0).put(ascii("isom"));
        b.putInt(8 + 1000).put(ascii("mdat")).put(new byte[1000]);
        int mvhd = 8 + (version1 ? 112 : 100);
        b.putInt(8 + mvhd).put(ascii("moov"));
        b.putInt(mvhd).put(ascii("mvhd")).put((byte) (version1 ? 1 : 0)).put(new byte[3]);
        if (version1) {
            b.putLong(0).putLong(0).putInt((int) timescale).putLong(duration);
        } else {
            b.putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
        }
        b.put(new byte[80]);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
