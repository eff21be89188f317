package dev.junction.image;

/** What an image request asks: a new image from a prompt, an edit of uploaded images, or variations of one. */
public enum ImageTask {
    /** {@code POST /v1/images/generations}: images from a prompt. */
    GENERATE("generations"),
    /** {@code POST /v1/images/edits}: the uploaded images changed as the prompt says, within the mask if given. */
    EDIT("edits"),
    /** {@code POST /v1/images/variations}: variations of one uploaded image (DALL·E 2). */
    VARIATION("variations");

    private final String path;

    ImageTask(String path) {
        this.path = path;
    }

    /** The last segment of the OpenAI path ({@code /images/<path>}). */
    public String path() {
        return path;
    }
}
