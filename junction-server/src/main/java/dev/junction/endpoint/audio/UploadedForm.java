package dev.junction.endpoint.audio;

import dev.junction.audio.AudioUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multipart form that {@link UploadIntake} has received: its text fields in order and its {@code file} part,
 * already on disk. Immutable; kept on the routing context for the endpoint's decoder.
 *
 * @param fields every text field in the client's order (a name may repeat)
 * @param file the {@code file} part, absent when the form had none
 */
record UploadedForm(List<Map.Entry<String, String>> fields, Optional<AudioUpload> file) {

    private static final String KEY = "junction.uploaded-form";

    UploadedForm {
        fields = List.copyOf(fields);
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The form {@link UploadIntake} attached to {@code ctx}. */
    static UploadedForm of(RoutingContext ctx) {
        UploadedForm form = ctx.get(KEY);
        if (form == null) {
            throw new IllegalStateException("The upload intake did not run before this endpoint");
        }
        return form;
    }
}
