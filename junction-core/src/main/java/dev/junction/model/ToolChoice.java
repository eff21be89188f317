package dev.junction.model;

import java.util.List;

/** How the model may use the tools it was given. */
public sealed interface ToolChoice {

    /** The model decides. */
    record Auto() implements ToolChoice {}

    /** The model must not call tools. */
    record None() implements ToolChoice {}

    /** The model must call at least one tool. */
    record Required() implements ToolChoice {}

    /** The model must call this tool. */
    record Named(String name) implements ToolChoice {}

    /** The model may only use this subset; {@code required} means it must call one of them. */
    record Allowed(List<String> names, boolean required) implements ToolChoice {
        public Allowed {
            names = List.copyOf(names);
        }
    }
}
