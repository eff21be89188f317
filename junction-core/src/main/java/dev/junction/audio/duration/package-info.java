/**
 * The duration of uploaded audio, measured from its container's headers as the bytes stream through
 * ({@link dev.junction.audio.duration.DurationMeter}): WAV (the data chunk's length over the byte rate), MP3 and
 * AAC in ADTS (every frame header walked), FLAC (STREAMINFO's samples), Ogg Opus and Vorbis (the last page's granule
 * position) and MP4/M4A (the movie header's duration). Only headers are read; nothing is decoded and nothing is
 * kept but a few hundred bytes of the current header.
 */
package dev.junction.audio.duration;
