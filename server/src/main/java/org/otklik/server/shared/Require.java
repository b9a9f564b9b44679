package org.otklik.server.shared;

/** Checks of request fields that fail with an {@link InvalidInput} naming the field. */
public final class Require {

    private Require() {
    }

    /** A non-blank string of at most {@code max} characters, returned stripped. */
    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return optionalText(value, field, max);
    }

    /** Null or blank becomes null; otherwise at most {@code max} characters, returned stripped. */
    public static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new InvalidInput(field, field + " must be at most " + max + " characters");
        }
        if (stripped.chars().anyMatch(c -> c == 0)) {
            throw new InvalidInput(field, field + " must not contain NUL characters");
        }
        return stripped;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidInput(field, field + " is required");
        }
        return value;
    }

    public static int range(Integer value, String field, int min, int max) {
        present(value, field);
        if (value < min || value > max) {
            throw new InvalidInput(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
